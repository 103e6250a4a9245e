// Bundles the Lambda handlers exactly as the CDK stack does (the same
// options, from infra/bundling.ts) and prints each bundle's size.
//
//   npx tsx tools/bundle-size.ts [--bundle-aws-sdk] [--json] [name=entry ...]
//
// Exit code 1 when a bundle is over the target, 2 when an entry is missing.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUNDLE_SIZE_TARGET_KB,
  HandlerEntries,
  LambdaBundling,
} from '../infra/bundling.js';
import { measureBundle } from './bundle/measureBundle.js';
import { toKb } from './bundle/toKb.js';

const main = async (argv: readonly string[]): Promise<number> => {
  const bundleAwsSdk = argv.includes('--bundle-aws-sdk');
  const json = argv.includes('--json');
  const custom = argv
    .filter((arg) => !arg.startsWith('--') && arg.includes('='))
    .map((arg) => arg.split('=', 2) as [string, string]);
  const entries: [string, string][] =
    custom.length > 0 ? custom : Object.entries(HandlerEntries);
  const sizes = await Promise.all(
    entries.map(([name, entry]) => measureBundle(name, entry, bundleAwsSdk))
  );
  if (json) {
    console.log(
      JSON.stringify({ targetKb: BUNDLE_SIZE_TARGET_KB, bundleAwsSdk, sizes })
    );
  } else {
    const sdk = bundleAwsSdk ? 'bundled' : 'from the nodejs22.x runtime';
    console.log(
      `Lambda bundles (esbuild, minified ESM, AWS SDK ${sdk}; target ≤ ${BUNDLE_SIZE_TARGET_KB} KB)`
    );
    for (const size of sizes) {
      console.log(
        size.missing
          ? `  ${size.name.padEnd(12)} missing: ${size.entry} does not exist yet`
          : `  ${size.name.padEnd(12)} ${String(size.kb).padStart(7)} KB  (source map ${size.mapKb} KB)  ${(size.kb ?? 0) <= BUNDLE_SIZE_TARGET_KB ? 'ok' : 'OVER TARGET'}`
      );
    }
    const side = await Promise.all(
      LambdaBundling.sideFiles.map((file) => stat(join('node_modules', file)))
    );
    console.log(
      `  beside each bundle, loaded on first use: ${LambdaBundling.sideFiles.join(', ')} (${toKb(side.reduce((sum, s) => sum + s.size, 0))} KB)`
    );
  }
  if (sizes.some((size) => size.missing)) {
    return 2;
  }
  return sizes.some((size) => (size.kb ?? 0) > BUNDLE_SIZE_TARGET_KB) ? 1 : 0;
};

process.exitCode = await main(process.argv.slice(2));
