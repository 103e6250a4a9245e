import { describe, expect, it } from 'vitest';
import { BUNDLE_SIZE_TARGET_KB, HandlerEntries } from '../../infra/bundling.js';
import { measureBundle } from '../../tools/bundle/measureBundle.js';

// The handlers bundled with the stack's own esbuild options (infra/
// bundling.ts, which NodejsFunction reads), as `npm run bundle-size` prints
// them: a change that takes a function past its budget fails here.
describe('Lambda bundle sizes', () => {
  it.each(Object.entries(HandlerEntries))(
    `keeps the %s bundle within ${BUNDLE_SIZE_TARGET_KB} KB`,
    async (name, entry) => {
      // Act
      const size = await measureBundle(name, entry);

      // Assess
      expect(size.missing).toBeUndefined();
      expect(size.kb).toBeGreaterThan(0);
      expect(size.kb).toBeLessThanOrEqual(BUNDLE_SIZE_TARGET_KB);
    }
  );
});
