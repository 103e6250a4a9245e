import { dirname } from 'node:path';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  LogLevel,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LambdaBundling } from './bundling.js';

/** NodejsFunction props both functions share. */
type FunctionDefaults = Pick<
  NodejsFunctionProps,
  'runtime' | 'architecture' | 'bundling'
>;

/**
 * NodejsFunction props shared by both functions: local esbuild bundling
 * (no Docker), Node.js 22 on arm64.
 *
 * @param bundleAwsSdk - bundle the AWS SDK instead of the runtime's
 */
const functionDefaults = (bundleAwsSdk: boolean): FunctionDefaults => ({
  runtime: Runtime.NODEJS_22_X,
  architecture: Architecture.ARM_64,
  bundling: {
    target: LambdaBundling.target,
    format: OutputFormat.ESM,
    minify: LambdaBundling.minify,
    sourceMap: LambdaBundling.sourceMap,
    sourcesContent: LambdaBundling.sourcesContent,
    mainFields: [...LambdaBundling.mainFields],
    banner: LambdaBundling.banner,
    externalModules: LambdaBundling.externalModules.filter(
      (name) => bundleAwsSdk === false || name !== '@aws-sdk/*'
    ),
    forceDockerBundling: false,
    // esbuild's warnings and errors only: its per-bundle size summary is
    // `npm run bundle-size`'s job, and would print on every synth (and in
    // every infra test).
    logLevel: LogLevel.WARNING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // lazily loaded modules travel beside the bundle (LambdaBundling.sideFiles)
      afterBundling: (inputDir: string, outputDir: string) =>
        LambdaBundling.sideFiles.map(
          (file) =>
            `mkdir -p "${outputDir}/node_modules/${dirname(file)}" && cp "${inputDir}/node_modules/${file}" "${outputDir}/node_modules/${file}"`
        ),
    },
  },
});

export type { FunctionDefaults };
export { functionDefaults };
