import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LambdaBundling } from '../../infra/bundling.js';
import { toKb } from './toKb.js';

/** One handler's bundle, as `measureBundle` measured it. */
interface BundleSize {
  readonly name: string;
  readonly entry: string;
  /** The bundle (`index.mjs`), in KB of 1,024 bytes, one decimal. */
  readonly kb?: number;
  readonly mapKb?: number;
  readonly missing?: boolean;
}

/** esbuild options equal to NodejsFunction's for LambdaBundling. */
const esbuildOptions = (
  entry: string,
  outfile: string,
  bundleAwsSdk: boolean
) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node' as const,
  target: LambdaBundling.target,
  format: LambdaBundling.format,
  minify: LambdaBundling.minify,
  sourcemap: LambdaBundling.sourceMap,
  sourcesContent: LambdaBundling.sourcesContent,
  mainFields: [...LambdaBundling.mainFields],
  banner: { js: LambdaBundling.banner },
  external: LambdaBundling.externalModules.filter(
    (name) => !bundleAwsSdk || name !== '@aws-sdk/*'
  ),
  logLevel: 'error' as const,
});

/**
 * Bundles one handler into a temporary directory with the stack's own
 * esbuild options (infra/bundling.ts, which the CDK stack's NodejsFunction
 * reads too) and measures the bundle and its source map.
 *
 * @param name - label to print
 * @param entry - the handler file
 * @param bundleAwsSdk - bundle the AWS SDK instead of leaving it external
 */
const measureBundle = async (
  name: string,
  entry: string,
  bundleAwsSdk = false
): Promise<BundleSize> => {
  if (!existsSync(entry)) {
    return { name, entry, missing: true };
  }
  const dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-bundle-'));
  try {
    const outfile = join(dir, 'index.mjs');
    await build(esbuildOptions(entry, outfile, bundleAwsSdk));
    const [code, map] = await Promise.all([
      stat(outfile),
      stat(`${outfile}.map`),
    ]);
    return { name, entry, kb: toKb(code.size), mapKb: toKb(map.size) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export { type BundleSize, measureBundle };
