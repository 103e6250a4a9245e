/**
 * How both functions are bundled. The CDK stack (NodejsFunction `bundling`)
 * and `tools/bundle-size.ts` (esbuild API) read this one object, so the
 * size the script prints is the size CDK deploys.
 */
const LambdaBundling = {
  /** esbuild `--target`; matches the nodejs22.x runtime. */
  target: 'node22',
  format: 'esm',
  minify: true,
  sourceMap: true,
  // Source maps without the sources: the map stays small and is still
  // enough for NODE_OPTIONS=--enable-source-maps stack traces.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies still call require().
  banner:
    "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
  /** Taken from the runtime, not bundled: the nodejs22.x runtime ships the AWS SDK v3. */
  externalModules: ['@aws-sdk/*'],
  /**
   * Files copied beside the bundle, under `node_modules/`, and loaded only
   * when needed: the regular expression engine (re2js, about as large as
   * the rest of the consumer), which lib/feel requires on the first
   * `matches`/`replace`/`split`/`extract` call; and avsc's types module
   * (with its utils), which lib/kafka requires on the first Avro schema —
   * the consumer to decode records, the provisioner to validate an inline
   * schema at upload.
   */
  sideFiles: [
    're2js/package.json',
    're2js/build/index.cjs',
    'avsc/package.json',
    'avsc/lib/types.js',
    'avsc/lib/utils.js',
  ],
} as const;

/** Default handler entries, relative to the repository root. */
const HandlerEntries = {
  consumer: 'functions/consumer.ts',
  provisioner: 'functions/provisioner.ts',
} as const;

/** Bundle size target per function (issue 4). */
const BUNDLE_SIZE_TARGET_KB = 400;

export { BUNDLE_SIZE_TARGET_KB, HandlerEntries, LambdaBundling };
