import type { ParseOutcome } from './types.js';

// What Java's Duration.parse accepts (Camunda reads messageTtl with it):
// days, hours, minutes and seconds, with an optional fraction of a second.
const DURATION =
  /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1000] as const;

/**
 * An ISO-8601 duration (`PT1H`, `P1DT12H`, `PT0.5S`) in milliseconds, as a
 * message TTL: negative or empty durations are refused.
 *
 * @param text - the duration as written
 */
const parseIsoDuration = (text: string): ParseOutcome<number> => {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  const invalid = {
    ok: false,
    message: `"${trimmed}" is not an ISO-8601 duration such as PT1H, PT30M or P1D`,
  } as const;
  if (!match || /T$/i.test(trimmed) || /^[-+]?P$/i.test(trimmed)) {
    return invalid;
  }
  const sign = match[1] === '-' ? -1 : 1;
  let ms = 0;
  [match[2], match[3], match[4], match[5]].forEach((part, i) => {
    if (part !== undefined) ms += Number(part) * (UNIT_MS[i] ?? 0);
  });
  if (match[6]) {
    const fraction = Number(`0.${match[6]}`) * 1000;
    ms += (match[5]?.startsWith('-') ? -1 : 1) * fraction;
  }
  ms = Math.round(sign * ms);
  if (ms <= 0) {
    return { ok: false, message: `the duration "${trimmed}" must be positive` };
  }
  return { ok: true, value: ms };
};

export { parseIsoDuration };
