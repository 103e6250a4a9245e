import type { SoakMode, SoakRunConfig } from './types.js';

/** `--mode` as given on the command line. */
type ModeChoice = SoakMode | 'both';

/** `--business-id` as given on the command line. */
type BusinessIdChoice = 'on' | 'off' | 'both';

/**
 * The runs of a soak: per ordering mode, the publish path, then the create
 * path with the business id on and/or off.
 *
 * @param mode - `partition`, `key` or `both`.
 * @param businessId - `on`, `off` or `both` (create path only).
 */
const planRuns = (
  mode: ModeChoice,
  businessId: BusinessIdChoice
): SoakRunConfig[] => {
  const modes: SoakMode[] = mode === 'both' ? ['partition', 'key'] : [mode];
  const ids: boolean[] =
    businessId === 'both' ? [true, false] : [businessId === 'on'];
  return modes.flatMap((m) => [
    { path: 'publish' as const, mode: m, businessId: false },
    ...ids.map((on) => ({ path: 'create' as const, mode: m, businessId: on })),
  ]);
};

export type { BusinessIdChoice, ModeChoice };
export { planRuns };
