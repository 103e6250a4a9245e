import type { ParseOutcome } from './types.js';

// Java's Duration.parse (Camunda reads messageTtl with it): days, hours,
// minutes and seconds, each optionally signed, a fraction of a second of up
// to nine digits, case-insensitive. "P", "PT" and "P1DT" are refused.
const DURATION =
  /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
const SECONDS = [86_400n, 3_600n, 60n, 1n] as const;

/** Integer division rounding toward negative infinity (Java's floorDiv). */
const floorDiv = (a: bigint, b: bigint): bigint => {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
};

/**
 * An ISO-8601 duration as a message TTL in milliseconds, exactly as Camunda
 * gets it: `Duration.parse(text).toMillis()` (`PT1H`, `P1DT12H`, `PT0.5S`,
 * `PT0S` = 0, `-PT1M` = -60000; a fraction below a millisecond is floored).
 *
 * @param text - the duration as written (surrounding blanks are ignored)
 */
const parseIsoDuration = (text: string): ParseOutcome<number> => {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  const [, sign, days, timePart, hours, minutes, seconds, fraction] =
    match ?? [];
  if (
    !match ||
    timePart?.toUpperCase() === 'T' ||
    [days, hours, minutes, seconds].every((part) => part === undefined)
  ) {
    return {
      ok: false,
      message: `"${trimmed}" is not an ISO-8601 duration such as PT1H, PT30M or P1D (Java's Duration.parse: days, hours, minutes and seconds only)`,
    };
  }
  let nanos = 0n;
  [days, hours, minutes, seconds].forEach((part, i) => {
    if (part !== undefined) {
      nanos += BigInt(part) * (SECONDS[i] ?? 1n) * NANOS_PER_SECOND;
    }
  });
  if (fraction) {
    const value = BigInt(fraction.padEnd(9, '0'));
    nanos += seconds?.startsWith('-') ? -value : value;
  }
  if (sign === '-') nanos = -nanos;
  const ms = floorDiv(nanos, NANOS_PER_MILLI);
  if (
    ms > BigInt(Number.MAX_SAFE_INTEGER) ||
    ms < -BigInt(Number.MAX_SAFE_INTEGER)
  ) {
    return { ok: false, message: `the duration "${trimmed}" is too long` };
  }
  return { ok: true, value: Number(ms) };
};

export { parseIsoDuration };
