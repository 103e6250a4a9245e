import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ProcessFiles } from '../provisioning/index.js';

interface S3ProcessFilesOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly maxBytes: number;
}

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error instanceof S3ServiceException &&
    error.$metadata.httpStatusCode === 404);

/**
 * The provisioner's ProcessFiles port on S3: always the object's *current*
 * version, so that a late or repeated event acts on what the bucket holds
 * now.
 *
 * @param options - S3 client, bucket, size limit
 */
const s3ProcessFiles = (options: S3ProcessFilesOptions): ProcessFiles => {
  const { s3, bucket, maxBytes } = options;
  return {
    readCurrent: async (key) => {
      try {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key })
        );
        const version = object.VersionId ?? object.ETag ?? 'unversioned';
        const declared = object.ContentLength ?? 0;
        if (declared > maxBytes) {
          // Do not read a body we will not use.
          object.Body?.transformToWebStream().cancel();
          return { kind: 'tooLarge', version, bytes: declared };
        }
        const bytes =
          (await object.Body?.transformToByteArray()) ?? new Uint8Array();
        if (bytes.byteLength > maxBytes) {
          return { kind: 'tooLarge', version, bytes: bytes.byteLength };
        }
        return {
          kind: 'found',
          text: new TextDecoder('utf-8').decode(bytes),
          version,
          bytes: bytes.byteLength,
        };
      } catch (error) {
        if (isMissing(error)) {
          return { kind: 'missing' };
        }
        throw error;
      }
    },
    exists: async (key) => {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (isMissing(error)) {
          return false;
        }
        throw error;
      }
    },
  };
};

export type { S3ProcessFilesOptions };
export { s3ProcessFiles };
