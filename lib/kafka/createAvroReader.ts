import { createRequire } from 'node:module';
import type { AvscType, AvscTypes } from 'avsc/lib/types.js';
import { setOwn } from '../common/index.js';
import {
  MAX_AVRO_EMPTY_ITEMS,
  MAX_AVRO_ITEMS,
  MAX_JSON_DEPTH,
} from './constants.js';
import { AvroSchemaError, RecordDecodeError } from './errors.js';

/** Reads Avro binary written with one schema into the connector's JSON value. */
interface AvroReader {
  /** The schema's full name (named types) or type name, for reasons. */
  readonly schemaName: string;
  /**
   * Decodes one value. Throws {@link RecordDecodeError} when the bytes are
   * not one value of the schema (truncated, trailing bytes, bad union index)
   * or hold a value JSON cannot carry exactly.
   */
  read(bytes: Buffer): unknown;
}

/** Avro named types already parsed, shared by schemas that reference them. */
type AvroNamedTypes = Record<string, AvscType>;

/** A value that JSON cannot carry; the path says where it sits. */
class UnrepresentableValue extends Error {
  readonly path: string[] = [];
}

/**
 * Two's complement big-endian bytes → the decimal's value. The digits are
 * built exactly (BigInt) and rounded once, as Jackson's BigDecimal is when
 * Zeebe reads the variable.
 */
const decimalValue = (bytes: Buffer, scale: number): number => {
  let unscaled = 0n;
  for (const byte of bytes) unscaled = (unscaled << 8n) | BigInt(byte);
  if (bytes.length > 0 && ((bytes[0] ?? 0) & 0x80) !== 0) {
    unscaled -= 1n << BigInt(bytes.length * 8);
  }
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale <= 0) return Number(`${negative ? '-' : ''}${digits}e${-scale}`);
  const padded = digits.padStart(scale + 1, '0');
  const point = padded.length - scale;
  return Number(
    `${negative ? '-' : ''}${padded.slice(0, point)}.${padded.slice(point)}`
  );
};

/**
 * The scale of a valid `decimal` schema; throws for what Avro's
 * `LogicalTypes.Decimal` (constructor and `validate`) refuses: no integer
 * precision, precision ≤ 0 or more digits than a fixed of that size holds,
 * a scale that is negative or larger than the precision, an underlying type
 * other than bytes or fixed.
 */
const decimalScale = (schema: unknown): number => {
  const {
    type,
    precision,
    scale = 0,
    size,
  } = schema as Record<string, unknown>;
  const invalid = (why: string): never => {
    throw new Error(`invalid decimal: ${why}`);
  };
  if (type !== 'bytes' && type !== 'fixed') invalid('not bytes or fixed');
  if (!Number.isInteger(precision) || (precision as number) <= 0) {
    invalid('precision must be a positive integer');
  }
  if (type === 'fixed') {
    const digits = Math.floor(Math.log10(2) * (8 * Number(size) - 1));
    if ((precision as number) > digits)
      invalid('precision exceeds the fixed size');
  }
  if (!Number.isInteger(scale) || (scale as number) < 0) {
    invalid('scale must be a non-negative integer');
  }
  if ((scale as number) > (precision as number)) {
    invalid('scale exceeds precision');
  }
  return scale as number;
};

/**
 * The shortest decimal that reads back as the same 32-bit float: what Java's
 * `Float.toString` prints for a FloatNode, instead of the double widening
 * (3.14f → 3.14, not 3.140000104904175).
 */
const float32Value = (value: number): number => {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
};

const finite = (value: number, typeName: string): number => {
  if (Number.isFinite(value)) return value;
  throw new UnrepresentableValue(
    `${typeName} ${value} cannot be carried in JSON`
  );
};

/** Thrown by {@link nest}: the value is nested deeper than JSON may be. */
class TooDeep extends Error {}

/**
 * An object or array at `depth` (0 = the value itself) would open the
 * level `depth + 1`: past {@link MAX_JSON_DEPTH}, the value is refused, as
 * a JSON value is (Jackson's `maxNestingDepth`). A recursive schema otherwise gives values deep enough for
 * FEEL and the variables' JSON to overflow the stack later (1,500 levels
 * came back as a retry, forever).
 */
const nest = (depth: number): void => {
  if (depth >= MAX_JSON_DEPTH) throw new TooDeep();
};

const atPath = <T>(segment: string, read: () => T): T => {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnrepresentableValue) error.path.unshift(segment);
    throw error;
  }
};

/**
 * avsc's decoded value → the JSON value Jackson's Avro tree reader gives:
 * records and maps as objects, arrays as arrays, unions as the branch's
 * value, enums as their symbol, bytes and fixed as base64 text (Jackson
 * writes binary nodes so), floats as their shortest decimal.
 */
const toJson = (type: AvscType, value: unknown, depth = 0): unknown => {
  switch (type.typeName) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'string':
    case 'enum':
      return value;
    case 'float':
      return float32Value(finite(value as number, 'float'));
    case 'double':
      return finite(value as number, 'double');
    case 'bytes':
    case 'fixed':
      return (value as Buffer).toString('base64');
    case 'array': {
      const items = type.itemsType as AvscType;
      nest(depth);
      return (value as unknown[]).map((item, index) =>
        atPath(`[${index}]`, () => toJson(items, item, depth + 1))
      );
    }
    case 'map': {
      const values = type.valuesType as AvscType;
      nest(depth);
      const object: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(
        value as Record<string, unknown>
      )) {
        setOwn(
          object,
          name,
          atPath(`["${name}"]`, () => toJson(values, item, depth + 1))
        );
      }
      return object;
    }
    case 'record':
    case 'error': {
      const record = value as Record<string, unknown>;
      const object: Record<string, unknown> = {};
      nest(depth);
      for (const field of type.fields ?? []) {
        setOwn(
          object,
          field.name,
          atPath(`.${field.name}`, () =>
            toJson(field.type, record[field.name], depth + 1)
          )
        );
      }
      return object;
    }
    case 'union:wrapped': {
      if (value === null) return null;
      const [branchName] = Object.keys(value as object);
      const branch = type.types?.find((t) => t.branchName === branchName);
      if (branch === undefined || branchName === undefined) return null;
      return toJson(
        branch,
        (value as Record<string, unknown>)[branchName],
        depth
      );
    }
    default:
      // Logical types: decimal is converted by DecimalType; the others were
      // left to their underlying type when the schema was parsed.
      return value;
  }
};

/** The part of avsc's read cursor the array and map readers need. */
interface AvscTap {
  readonly buf: Buffer;
  readonly pos: number;
  readLong(): number;
  skipLong(): void;
  readString(): string;
}

/** Thrown inside avsc's read; becomes the record's decode error. */
class AvroLimitExceeded extends Error {}

/** Items claimed so far in one value's array and map blocks, per cursor. */
const claimedItems = new WeakMap<AvscTap, number>();

/**
 * The count of one array or map block, checked before anything is read
 * for it. Each item of a value takes at least one byte unless its type
 * takes none (null, an empty record, a fixed of size 0): a block claiming
 * more items than the value's bytes, beyond {@link MAX_AVRO_EMPTY_ITEMS}
 * such empty items in the whole value, is refused, and so is a value of
 * more than {@link MAX_AVRO_ITEMS} items in all. avsc would otherwise
 * loop over whatever count five bytes claim (an array of 100,000,000 nulls
 * took 45 s of CPU and 2.8 GB; past the end of the bytes it reads zeros
 * until the count runs out) and allocate an array of that length first.
 */
const readBlockCount = (tap: AvscTap): number => {
  let count = tap.readLong();
  if (count < 0) {
    count = -count;
    tap.skipLong();
  }
  const claimed = (claimedItems.get(tap) ?? 0) + count;
  if (claimed > tap.buf.length + MAX_AVRO_EMPTY_ITEMS) {
    throw new AvroLimitExceeded(
      `a block of ${count} items claims more than the ${tap.buf.length} bytes of the value can hold`
    );
  }
  if (claimed > MAX_AVRO_ITEMS) {
    throw new AvroLimitExceeded(
      `the value holds more than ${MAX_AVRO_ITEMS.toLocaleString('en-US')} array items and map entries`
    );
  }
  claimedItems.set(tap, claimed);
  return count;
};

type Readable = AvscType & { _read(tap: AvscTap): unknown };

/** The avsc types the reader parses schemas with (see {@link avroTypes}). */
interface AvroTypes {
  readonly avsc: AvscTypes;
  readonly DecimalType: new (schema: unknown, opts?: unknown) => AvscType;
  readonly typeHook: (schema: unknown, opts: unknown) => AvscType | undefined;
}

let loaded: AvroTypes | undefined;

/**
 * avsc's types module with the two types defined on it, loaded on the first
 * Avro schema: most bindings never read Avro, and it is about 50 KB of each
 * bundle. Synchronous (CommonJS), so parsing stays synchronous; the Lambda
 * asset carries it beside the bundle (infra/bundling.ts `sideFiles`).
 */
const avroTypes = (): AvroTypes => {
  if (loaded !== undefined) return loaded;
  const avsc = createRequire(import.meta.url)('avsc/lib/types.js') as AvscTypes;

  /**
   * `decimal` on bytes or fixed: a number, as Jackson's Avro reader (what
   * Camunda's connector decodes with) gives a BigDecimal. Other logical types
   * are read as their underlying type, as Jackson does.
   */
  class DecimalType extends avsc.builtins.LogicalType {
    readonly #scale: number;

    constructor(schema: unknown, opts?: unknown) {
      // An invalid decimal is ignored (avsc then reads the underlying bytes
      // or fixed), as Java's Schema.Parser ignores it
      // (LogicalTypes.fromSchemaIgnoreInvalid): Jackson then reads bytes.
      const scale = decimalScale(schema);
      super(schema, opts);
      this.#scale = scale;
    }

    _fromValue(bytes: Buffer): number {
      return decimalValue(bytes, this.#scale);
    }

    _toValue(value: unknown): unknown {
      return value;
    }

    _resolve(): undefined {
      return undefined;
    }
  }

  /**
   * avsc reads map entries with `object[key] = value`, which drops a
   * `__proto__` key (or turns its value into the object's prototype). This
   * map type reads its entries as own data properties instead, and checks
   * each block's count ({@link readBlockCount}).
   */
  class BoundedMap extends avsc.builtins.MapType {
    _read(tap: AvscTap): Record<string, unknown> {
      const values = this.valuesType as Readable;
      const map: Record<string, unknown> = {};
      for (;;) {
        let count = readBlockCount(tap);
        if (count === 0) return map;
        while (count-- > 0) {
          const key = tap.readString();
          setOwn(map, key, values._read(tap));
        }
      }
    }
  }

  /**
   * avsc's array reader with each block's count checked
   * ({@link readBlockCount}) and the array grown item by item, not
   * allocated at the length the first block claims.
   */
  class BoundedArray extends avsc.builtins.ArrayType {
    _read(tap: AvscTap): unknown[] {
      const items = this.itemsType as Readable;
      const array: unknown[] = [];
      for (;;) {
        let count = readBlockCount(tap);
        if (count === 0) return array;
        while (count-- > 0) array.push(items._read(tap));
      }
    }
  }

  const typeHook = (schema: unknown, opts: unknown): AvscType | undefined => {
    if (typeof schema !== 'object' || schema === null) return undefined;
    const { type } = schema as { type?: unknown };
    if (type === 'map') return new BoundedMap(schema, opts);
    if (type === 'array') return new BoundedArray(schema, opts);
    return undefined;
  };

  loaded = { avsc, DecimalType, typeHook };
  return loaded;
};

const typeLabel = (type: AvscType): string =>
  type.name ?? type.branchName ?? type.typeName;

// The first byte of a Confluent-framed value, followed by a 4-byte id.
const looksConfluentFramed = (bytes: Buffer): boolean =>
  bytes.length > 5 && bytes[0] === 0;

/**
 * Parses an Avro schema (JSON text) once and returns a reader for values
 * written with it. Unions are read as the branch's value, logical types as
 * Jackson's Avro module reads them (decimal → number, the others → their
 * underlying type), so the result equals what Camunda's connector puts in
 * `value` for the same bytes.
 *
 * @param schemaText - The Avro schema as JSON text.
 * @param named - Named types of referenced schemas (registry references).
 * @throws AvroSchemaError when the text is not a valid Avro schema.
 */
const createAvroReader = (
  schemaText: string,
  named?: AvroNamedTypes
): AvroReader => {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (error) {
    throw new AvroSchemaError(
      `the Avro schema is not JSON: ${(error as Error).message}`,
      { cause: error }
    );
  }
  const { avsc, DecimalType, typeHook } = avroTypes();
  let type: AvscType;
  try {
    type = avsc.Type.forSchema(schema, {
      wrapUnions: 'always',
      logicalTypes: { decimal: DecimalType },
      omitRecordMethods: true,
      typeHook,
      ...(named === undefined ? {} : { registry: named }),
    });
  } catch (error) {
    throw new AvroSchemaError(
      `the Avro schema is not valid: ${(error as Error).message}`,
      { cause: error }
    );
  }
  const schemaName = typeLabel(type);
  return {
    schemaName,
    read: (bytes) => {
      let decoded: unknown;
      try {
        decoded = type.fromBuffer(bytes);
      } catch (error) {
        const hint = looksConfluentFramed(bytes)
          ? ` (the value starts like a Confluent-framed record, magic byte 0 and schema id ${bytes.readUInt32BE(1)}: use the schemaRegistry strategy)`
          : '';
        const reason =
          (error as Error).message === 'potential precision loss'
            ? 'a long beyond ±2^53 cannot be carried exactly in JSON'
            : (error as Error).message;
        throw new RecordDecodeError(
          `${bytes.length} bytes are not a value of Avro schema ${schemaName}: ${reason}${hint}`,
          { cause: error }
        );
      }
      try {
        return toJson(type, decoded);
      } catch (error) {
        if (error instanceof TooDeep) {
          throw new RecordDecodeError(
            `Avro schema ${schemaName}: the value is nested deeper than ${MAX_JSON_DEPTH} levels`
          );
        }
        if (!(error instanceof UnrepresentableValue)) throw error;
        throw new RecordDecodeError(
          `Avro schema ${schemaName}: ${error.path.join('') || 'the value'} holds a ${error.message}`,
          { cause: error }
        );
      }
    },
  };
};

export type { AvroNamedTypes, AvroReader };
export { createAvroReader };
