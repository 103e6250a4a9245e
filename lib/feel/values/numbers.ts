// FEEL numbers are decimals in feel-scala (BigDecimal, DECIMAL128). Here a
// number is a JS double, and arithmetic on fractions is done on the decimal
// each double prints as, then rounded back to a double: 0.1 + 0.2 is 0.3,
// as in Camunda. Whole numbers take the plain (exact) double path.

interface Decimal {
  /** Unscaled value. */
  readonly m: bigint;
  /** Power of ten: value = m * 10^e. */
  readonly e: number;
}

const toDecimal = (value: number): Decimal => {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) return { m: BigInt(Math.trunc(value)), e: 0 };
  const [, sign, int, frac = '', exp = '0'] = match;
  return {
    m: BigInt(`${sign}${int}${frac}`),
    e: Number(exp) - frac.length,
  };
};

const fromDecimal = (m: bigint, e: number): number => Number(`${m}e${e}`);

const pow10 = (n: number): bigint => 10n ** BigInt(n);

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  if (a.e === b.e) return [a.m, b.m, a.e];
  if (a.e < b.e) return [a.m, b.m * pow10(b.e - a.e), a.e];
  return [a.m * pow10(a.e - b.e), b.m, b.e];
};

const bothWhole = (a: number, b: number): boolean =>
  Number.isInteger(a) && Number.isInteger(b);

/**
 * The number of fraction digits of the decimal a double prints as, when it
 * is at most 15 and the scaled value is a safe integer; -1 otherwise.
 */
const fractionDigits = (x: number): number => {
  let p = 1;
  for (let k = 1; k <= 15; k += 1) {
    p *= 10;
    const scaled = Math.round(x * p);
    if (scaled / p === x) return Number.isSafeInteger(scaled) ? k : -1;
  }
  return -1;
};

const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

const decimalAdd = (a: number, b: number): number => {
  if (bothWhole(a, b)) {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  // fast path: both scale to safe integers; integer / 10^k rounds correctly
  const ka = Number.isInteger(a) ? 0 : fractionDigits(a);
  const kb = Number.isInteger(b) ? 0 : fractionDigits(b);
  if (ka >= 0 && kb >= 0) {
    const k = Math.max(ka, kb);
    const p = POWERS[k] as number;
    const sum = Math.round(a * p) + Math.round(b * p);
    if (Number.isSafeInteger(sum)) return sum / p;
  }
  const [x, y, e] = align(toDecimal(a), toDecimal(b));
  return fromDecimal(x + y, e);
};

const decimalSubtract = (a: number, b: number): number => decimalAdd(a, -b);

const decimalMultiply = (a: number, b: number): number => {
  if (bothWhole(a, b)) {
    const product = a * b;
    if (Number.isSafeInteger(product)) return product;
  }
  const ka = Number.isInteger(a) ? 0 : fractionDigits(a);
  const kb = Number.isInteger(b) ? 0 : fractionDigits(b);
  if (ka >= 0 && kb >= 0 && ka + kb <= 22) {
    const product =
      Math.round(a * (POWERS[ka] as number)) *
      Math.round(b * (POWERS[kb] as number));
    if (Number.isSafeInteger(product))
      return product / (POWERS[ka + kb] as number);
  }
  const x = toDecimal(a);
  const y = toDecimal(b);
  return fromDecimal(x.m * y.m, x.e + y.e);
};

/** Division with 34 significant digits (DECIMAL128), then as a double. */
const decimalDivide = (a: number, b: number): number => {
  const x = toDecimal(a);
  const y = toDecimal(b);
  const scale = 40;
  const q = (x.m * pow10(scale)) / y.m;
  return fromDecimal(q, x.e - y.e - scale);
};

/** `x ** y`: BigDecimal.pow for whole exponents, Math.pow otherwise. */
const decimalPower = (a: number, b: number): number => {
  if (!Number.isInteger(b)) return a ** b;
  if (b < 0) return decimalDivide(1, decimalPower(a, -b));
  if (Number.isInteger(a)) return a ** b;
  const x = toDecimal(a);
  return fromDecimal(x.m ** BigInt(b), x.e * b);
};

/** BigDecimal's remainder (`%`): the sign of the dividend. */
const decimalRemainder = (a: number, b: number): number => {
  if (bothWhole(a, b)) return a % b;
  const [x, y, e] = align(toDecimal(a), toDecimal(b));
  return fromDecimal(x % y, e);
};

/** Rounding modes of java.math.RoundingMode. */
type RoundingMode =
  | 'UP'
  | 'DOWN'
  | 'CEILING'
  | 'FLOOR'
  | 'HALF_UP'
  | 'HALF_DOWN'
  | 'HALF_EVEN'
  | 'UNNECESSARY';

const ROUNDING_MODES: ReadonlySet<string> = new Set([
  'UP',
  'DOWN',
  'CEILING',
  'FLOOR',
  'HALF_UP',
  'HALF_DOWN',
  'HALF_EVEN',
  'UNNECESSARY',
]);

/** BigDecimal.setScale(scale, mode), on the decimal the double prints as. */
const setScale = (value: number, scale: number, mode: RoundingMode): number => {
  const d = toDecimal(value);
  if (-d.e <= scale) return value;
  const drop = -d.e - scale;
  const divisor = pow10(drop);
  const negative = d.m < 0n;
  const abs = negative ? -d.m : d.m;
  let q = abs / divisor;
  const r = abs % divisor;
  if (r !== 0n && mode === 'UNNECESSARY') {
    throw new RangeError('Rounding necessary');
  }
  if (r !== 0n) {
    const twice = r * 2n;
    const half = twice === divisor ? 0 : twice > divisor ? 1 : -1;
    let up: boolean;
    switch (mode) {
      case 'UP':
        up = true;
        break;
      case 'DOWN':
        up = false;
        break;
      case 'CEILING':
        up = !negative;
        break;
      case 'FLOOR':
        up = negative;
        break;
      case 'HALF_UP':
        up = half >= 0;
        break;
      case 'HALF_DOWN':
        up = half > 0;
        break;
      default:
        up = half > 0 || (half === 0 && q % 2n === 1n);
    }
    if (up) q += 1n;
  }
  const result = fromDecimal(negative ? -q : q, -scale);
  return result === 0 ? 0 : result;
};

/** Significant digits of the decimal the double prints as. */
const precisionOf = (value: number): number => {
  const d = toDecimal(value);
  const digits = (d.m < 0n ? -d.m : d.m).toString();
  return digits === '0' ? 1 : digits.length;
};

/** BigDecimal.round(new MathContext(precision, HALF_EVEN)). */
const roundToPrecision = (value: number, precision: number): number => {
  const d = toDecimal(value);
  const digits = (d.m < 0n ? -d.m : d.m).toString().length;
  if (digits <= precision) return value;
  return setScale(value, -d.e - (digits - precision), 'HALF_EVEN');
};

export {
  decimalAdd,
  decimalDivide,
  decimalMultiply,
  decimalPower,
  decimalRemainder,
  decimalSubtract,
  precisionOf,
  ROUNDING_MODES,
  type RoundingMode,
  roundToPrecision,
  setScale,
  toDecimal,
};
