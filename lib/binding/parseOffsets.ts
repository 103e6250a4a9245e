import { isFeelExpression } from '../feel/index.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';
import type { ParseOutcome } from './types.js';

type Offsets = readonly (number | null)[];

const NOT_OFFSETS =
  'offsets must be non-negative integers, one per partition (index = partition number): "10", "10,23" or "=[10, 23]"';

const toOffset = (value: unknown): number | null | undefined => {
  if (value === null) return null;
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
};

const fromValues = (
  values: readonly unknown[]
): ParseOutcome<Offsets | undefined> => {
  // An empty list means no offsets (OffsetUpdateRequiredListener skips it).
  if (values.length === 0) return { ok: true, value: undefined };
  const offsets: (number | null)[] = [];
  for (const [partition, value] of values.entries()) {
    const offset = toOffset(value);
    if (offset === undefined) {
      return {
        ok: false,
        message: `${NOT_OFFSETS}; the value for partition ${partition} is ${JSON.stringify(value) ?? String(value)}`,
      };
    }
    offsets.push(offset);
  }
  return { ok: true, value: offsets };
};

/**
 * Read the `offsets` property in every form Camunda accepts: `=[1,2,3]`,
 * `[1,2,3]`, `1`, `1,2`, `1,2,3,` (a trailing comma is ignored). Index =
 * partition number; `null` entries (FEEL/JSON lists) leave a partition alone.
 *
 * @param raw - the property value; blank means "no offsets"
 */
const parseOffsets = (raw: string): ParseOutcome<Offsets | undefined> => {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };
  if (isFeelExpression(text)) {
    const literal = evaluateFeelLiteral(text);
    if (!literal.ok)
      return { ok: false, message: `offsets ${literal.message}` };
    return fromValues(
      Array.isArray(literal.value) ? literal.value : [literal.value]
    );
  }
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return fromValues(parsed);
    } catch {
      // fall through to the plain message below
    }
    return { ok: false, message: `${NOT_OFFSETS}; "${text}" is not a list` };
  }
  const parts = text.split(',').map((p) => p.trim());
  if (parts.at(-1) === '') parts.pop();
  if (parts.some((p) => !/^\d+$/.test(p))) {
    return { ok: false, message: `${NOT_OFFSETS}; got "${text}"` };
  }
  return fromValues(parts);
};

export { parseOffsets };
