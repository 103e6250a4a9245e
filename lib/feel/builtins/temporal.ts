// Temporal and range functions (feel-scala TemporalBuiltinFunctions.scala,
// RangeBuiltinFunction.scala).
import {
  daysInMonth,
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
} from '../values/temporal.js';
import { compareValues, FeelRange, sameClass } from '../values/values.js';
import { type Builtins, builtin } from './support.js';

const DAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const dateOf = (value: unknown): FeelDate | undefined => {
  if (value instanceof FeelDate) return value;
  if (value instanceof FeelLocalDateTime) return value.date;
  if (value instanceof FeelDateTime) return value.local.date;
  return undefined;
};

const onDate = (f: (date: FeelDate) => unknown) =>
  builtin(['date'], ([value]) => {
    const date = dateOf(value);
    return date ? f(date) : undefined;
  });

const dayOfYear = (date: FeelDate): number =>
  date.epochDay - new FeelDate(date.year, 1, 1).epochDay + 1;

/** ISO week of the week-based year. */
const weekOfYear = (date: FeelDate): number => {
  const thursday = date.plusDays(4 - date.weekday);
  const jan1 = new FeelDate(thursday.year, 1, 1);
  return Math.floor((thursday.epochDay - jan1.epochDay) / 7) + 1;
};

const now = (): FeelDateTime => {
  const ms = Date.now();
  const seconds = Math.floor(ms / 1000);
  return FeelDateTime.ofInstant(seconds, (ms - seconds * 1000) * 1e6, null, 0);
};

const temporalBuiltins: Builtins = {
  now: [builtin([], () => now())],
  today: [builtin([], () => now().local.date)],
  'day of year': [onDate(dayOfYear)],
  'day of week': [onDate((date) => DAYS[date.weekday - 1])],
  'month of year': [onDate((date) => MONTHS[date.month - 1])],
  'week of year': [onDate(weekOfYear)],
  'last day of month': [
    onDate(
      (date) =>
        new FeelDate(date.year, date.month, daysInMonth(date.year, date.month))
    ),
  ],
};

// ----- ranges (Allen's interval algebra) -----

const isPoint = (value: unknown): boolean =>
  typeof value === 'number' ||
  value instanceof FeelDate ||
  value instanceof FeelTime ||
  value instanceof FeelLocalTime ||
  value instanceof FeelDateTime ||
  value instanceof FeelLocalDateTime ||
  value instanceof FeelYearsDuration ||
  value instanceof FeelDaysDuration;

const comparable = (x: unknown, y: unknown): boolean => {
  if (x instanceof FeelRange && y instanceof FeelRange)
    return comparable(x.start, y.start);
  if (x instanceof FeelRange) return comparable(y, x.start);
  if (y instanceof FeelRange) return comparable(x, y.start);
  return isPoint(x) && isPoint(y) && sameClass(x, y);
};

const cmp = (x: unknown, y: unknown): number =>
  compareValues(x, y) ?? Number.NaN;
const lt = (x: unknown, y: unknown): boolean => cmp(x, y) < 0;
const gt = (x: unknown, y: unknown): boolean => cmp(x, y) > 0;
const eq = (x: unknown, y: unknown): boolean => cmp(x, y) === 0;

type RangeCase = (x: unknown, y: unknown) => boolean | undefined;

const rangeFunction = (params: [string, string], f: RangeCase) =>
  builtin(params, ([x, y]) => (comparable(x, y) ? f(x, y) : undefined));

const R = (v: unknown): v is FeelRange => v instanceof FeelRange;

const before: RangeCase = (x, y) => {
  if (R(x) && R(y)) {
    return (
      lt(x.end, y.start) ||
      ((!x.endIncluded || !y.startIncluded) && eq(x.end, y.start))
    );
  }
  if (R(y)) return lt(x, y.start) || (eq(x, y.start) && !y.startIncluded);
  if (R(x)) return lt(x.end, y) || (eq(x.end, y) && !x.endIncluded);
  return lt(x, y);
};

const after: RangeCase = (x, y) => {
  if (R(x) && R(y)) {
    return (
      gt(x.start, y.end) ||
      ((!x.startIncluded || !y.endIncluded) && eq(x.start, y.end))
    );
  }
  if (R(y)) return gt(x, y.end) || (eq(x, y.end) && !y.endIncluded);
  if (R(x)) return gt(x.start, y) || (eq(x.start, y) && !x.startIncluded);
  return gt(x, y);
};

const twoRanges =
  (f: (a: FeelRange, b: FeelRange) => boolean): RangeCase =>
  (x, y) =>
    R(x) && R(y) ? f(x, y) : undefined;

const pointIn = (r: FeelRange, p: unknown): boolean =>
  (lt(r.start, p) && gt(r.end, p)) ||
  (eq(r.start, p) && r.startIncluded) ||
  (eq(r.end, p) && r.endIncluded);

const either =
  (
    points: RangeCase,
    ranges: (a: FeelRange, b: FeelRange) => boolean
  ): RangeCase =>
  (x, y) =>
    R(x) && R(y) ? ranges(x, y) : points(x, y);

const overloads = (names: [string, string][], f: RangeCase) =>
  names.map((params) => rangeFunction(params, f));

const finishes = either(
  (p, r) => (R(r) && !R(p) ? r.endIncluded && eq(r.end, p) : undefined),
  (a, b) =>
    a.endIncluded === b.endIncluded &&
    eq(a.end, b.end) &&
    (gt(a.start, b.start) ||
      (eq(a.start, b.start) && (!a.startIncluded || b.startIncluded)))
);

const finishedBy = either(
  (r, p) => (R(r) && !R(p) ? r.endIncluded && eq(r.end, p) : undefined),
  (a, b) =>
    a.endIncluded === b.endIncluded &&
    eq(a.end, b.end) &&
    (lt(a.start, b.start) ||
      (eq(a.start, b.start) && (a.startIncluded || !b.startIncluded)))
);

const includes = either(
  (r, p) => (R(r) && !R(p) ? pointIn(r, p) : undefined),
  (a, b) =>
    (lt(a.start, b.start) ||
      (eq(a.start, b.start) && (a.startIncluded || !b.startIncluded))) &&
    (gt(a.end, b.end) ||
      (eq(a.end, b.end) && (a.endIncluded || !b.endIncluded)))
);

const during = either(
  (p, r) => (R(r) && !R(p) ? pointIn(r, p) : undefined),
  (a, b) =>
    (lt(b.start, a.start) ||
      (eq(b.start, a.start) && (b.startIncluded || !a.startIncluded))) &&
    (gt(b.end, a.end) ||
      (eq(b.end, a.end) && (b.endIncluded || !a.endIncluded)))
);

const starts = either(
  (p, r) => (R(r) && !R(p) ? eq(r.start, p) && r.startIncluded : undefined),
  (a, b) =>
    eq(a.start, b.start) &&
    a.startIncluded === b.startIncluded &&
    (lt(a.end, b.end) ||
      (eq(a.end, b.end) && (!a.endIncluded || b.endIncluded)))
);

const startedBy = either(
  (r, p) => (R(r) && !R(p) ? eq(r.start, p) && r.startIncluded : undefined),
  (a, b) =>
    eq(a.start, b.start) &&
    a.startIncluded === b.startIncluded &&
    (lt(b.end, a.end) ||
      (eq(b.end, a.end) && (!b.endIncluded || a.endIncluded)))
);

const coincides = either(
  (x, y) => (!R(x) && !R(y) ? eq(x, y) : undefined),
  (a, b) =>
    eq(a.start, b.start) &&
    a.startIncluded === b.startIncluded &&
    eq(a.end, b.end) &&
    a.endIncluded === b.endIncluded
);

const rangeBuiltins: Builtins = {
  before: overloads(
    [
      ['point1', 'point2'],
      ['point', 'range'],
      ['range', 'point'],
      ['range1', 'range2'],
    ],
    before
  ),
  after: overloads(
    [
      ['point1', 'point2'],
      ['point', 'range'],
      ['range', 'point'],
      ['range1', 'range2'],
    ],
    after
  ),
  meets: [
    rangeFunction(
      ['range1', 'range2'],
      twoRanges(
        (a, b) => a.endIncluded && b.startIncluded && eq(a.end, b.start)
      )
    ),
  ],
  'met by': [
    rangeFunction(
      ['range1', 'range2'],
      twoRanges(
        (a, b) => a.startIncluded && b.endIncluded && eq(a.start, b.end)
      )
    ),
  ],
  overlaps: [
    rangeFunction(
      ['range1', 'range2'],
      twoRanges(
        (a, b) =>
          (gt(a.end, b.start) ||
            (eq(a.end, b.start) && a.endIncluded && b.startIncluded)) &&
          (lt(a.start, b.end) ||
            (eq(a.start, b.end) && a.startIncluded && b.endIncluded))
      )
    ),
  ],
  'overlaps before': [
    rangeFunction(
      ['range1', 'range2'],
      twoRanges(
        (a, b) =>
          (lt(a.start, b.start) ||
            (eq(a.start, b.start) && a.startIncluded && !b.startIncluded)) &&
          (gt(a.end, b.start) ||
            (eq(a.end, b.start) && a.endIncluded && b.startIncluded)) &&
          (lt(a.end, b.end) ||
            (eq(a.end, b.end) && (!a.endIncluded || b.endIncluded)))
      )
    ),
  ],
  'overlaps after': [
    rangeFunction(
      ['range1', 'range2'],
      twoRanges(
        (a, b) =>
          (lt(b.start, a.start) ||
            (eq(b.start, a.start) && b.startIncluded && !a.startIncluded)) &&
          (gt(b.end, a.start) ||
            (eq(b.end, a.start) && b.endIncluded && a.startIncluded)) &&
          (lt(b.end, a.end) ||
            (eq(b.end, a.end) && (!b.endIncluded || a.endIncluded)))
      )
    ),
  ],
  finishes: overloads(
    [
      ['point', 'range'],
      ['range1', 'range2'],
    ],
    finishes
  ),
  'finished by': overloads(
    [
      ['range', 'point'],
      ['range1', 'range2'],
    ],
    finishedBy
  ),
  includes: overloads(
    [
      ['range', 'point'],
      ['range1', 'range2'],
    ],
    includes
  ),
  during: overloads(
    [
      ['point', 'range'],
      ['range1', 'range2'],
    ],
    during
  ),
  starts: overloads(
    [
      ['point', 'range'],
      ['range1', 'range2'],
    ],
    starts
  ),
  'started by': overloads(
    [
      ['range', 'point'],
      ['range1', 'range2'],
    ],
    startedBy
  ),
  coincides: overloads(
    [
      ['point1', 'point2'],
      ['range1', 'range2'],
    ],
    coincides
  ),
};

export { rangeBuiltins, temporalBuiltins };
