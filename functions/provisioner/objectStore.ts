import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

/** The current version of a BPMN object, as far as the provisioner reads it. */
type CurrentObject =
  | {
      readonly kind: 'found';
      readonly text: string;
      /** S3 version id, else the ETag (unversioned bucket). */
      readonly version: string;
      readonly bytes: number;
    }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'tooLarge';
      readonly version: string;
      readonly bytes: number;
    };

/** Reads the processes bucket. */
interface ObjectStore {
  /** The current version of `key`, read only when it is at most `maxBytes`. */
  readCurrent(key: string): Promise<CurrentObject>;
  /** Whether `key` exists now (its current version is not a delete marker). */
  exists(key: string): Promise<boolean>;
}

interface ObjectStoreOptions {
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
 * The S3 side of the provisioner: always the object's *current* version, so
 * that a late or repeated event acts on what the bucket holds now.
 *
 * @param options - S3 client, bucket, size limit
 */
const createObjectStore = (options: ObjectStoreOptions): ObjectStore => {
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

export type { CurrentObject, ObjectStore, ObjectStoreOptions };
export { createObjectStore };
