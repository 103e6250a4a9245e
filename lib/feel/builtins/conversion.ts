// Conversion functions (feel-scala ConversionBuiltinFunctions.scala).
import {
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
  formatOffset,
  isKnownZone,
  NANOS_PER_SECOND,
  parseDate,
  parseDateTime,
  parseDaysDuration,
  parseOffset,
  parseTime,
  parseYearsDuration,
} from '../values/temporal.js';
import {
  displayFull,
  FeelFunctionValue,
  FeelRange,
  formatNumber,
  isContext,
} from '../values/values.js';
import {
  type Builtins,
  builtin,
  fail,
  intValue,
  isList,
  isNumber,
  isString,
} from './support.js';

const DATE = /^-?(?:[1-9]\d{0,4})?\d{4}-[01]\d-[0-3]\d$/;
const OFFSET_TIME =
  /^T?\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[+-]\d{2}:\d{2}|Z|@.*)$/;
const OFFSET_DATE_TIME =
  /^-?(?:[1-9]\d{0,4})?\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d{1,9})?(?:(?:(?:[+-][01]\d:[0-5]\d)|Z)(?:\[.+\])?|@.*)$/;
const LOCAL_DATE_TIME =
  /^-?(?:[1-9]\d{0,4})?\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d{1,9})?$/;
const YEARS_DURATION = /^-?P-?(?:\d+Y)?-?(?:\d+M)?$/;
const DAYS_DURATION =
  /^-?P(?:-?(?:\d+D)?(?:T-?(?:\d+H)?-?(?:\d+M)?-?(?:\d+(?:.\d*)?S)?)?)$/;

/** A date-time at a zone id or offset text (ZoneId.of). */
const zoneOf = (
  text: string
): { zone: string | null; offset: number } | undefined => {
  const offset = parseOffset(text);
  if (offset !== undefined) return { zone: null, offset };
  if (text === 'UTC' || text === 'GMT') return { zone: null, offset: 0 };
  return isKnownZone(text) ? { zone: text, offset: 0 } : undefined;
};

const dateOf = (value: unknown): FeelDate | undefined => {
  if (value instanceof FeelDate) return value;
  if (value instanceof FeelLocalDateTime) return value.date;
  if (value instanceof FeelDateTime) return value.local.date;
  return undefined;
};

/** ZonedTime.withDate. */
const withDate = (time: FeelTime, date: FeelDate): FeelDateTime => {
  const local = new FeelLocalDateTime(date, time.time);
  return time.zone === null
    ? new FeelDateTime(local, time.offset, null)
    : FeelDateTime.atZone(local, time.zone);
};

const timeOf = (
  hour: number,
  minute: number,
  second: number
): FeelLocalTime | undefined => {
  const h = intValue(hour);
  const m = intValue(minute);
  const s = intValue(second);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return undefined;
  const nanos = Math.round((second - Math.trunc(second)) * NANOS_PER_SECOND);
  return FeelLocalTime.of(h, m, s, Math.max(0, nanos));
};

/** Period.between(from, to).withDays(0).normalized, in months. */
const monthsBetween = (from: FeelDate, to: FeelDate): number => {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  const days = to.day - from.day;
  if (months > 0 && days < 0) months -= 1;
  else if (months < 0 && days > 0) months += 1;
  return months;
};

/** feel-scala's `string()` of a value (lists and contexts recursively). */
const stringOf = (value: unknown): string => {
  if (isContext(value)) {
    return `{${Object.keys(value)
      .map((key) => `${key}:${stringOf(value[key])}`)
      .join(', ')}}`;
  }
  if (isList(value)) return `[${value.map(stringOf).join(', ')}]`;
  return displayFull(value);
};

/** java.time.Duration.toString (`PT36H`, `PT-1M`, `PT0.5S`). */
const javaDuration = (d: FeelDaysDuration): string => {
  if (d.isZero) return 'PT0S';
  let seconds = d.seconds;
  let nanos = d.nanos;
  if (seconds < 0 && nanos > 0) {
    seconds += 1;
    nanos = NANOS_PER_SECOND - nanos;
  }
  const hours = Math.trunc(seconds / 3600);
  const minutes = Math.trunc((seconds % 3600) / 60);
  const secs = seconds % 60;
  let out = 'PT';
  if (hours !== 0) out += `${hours}H`;
  if (minutes !== 0) out += `${minutes}M`;
  if (secs === 0 && nanos === 0 && out.length > 2) return out;
  const sign = secs < 0 || (secs === 0 && d.seconds < 0) ? '-' : '';
  const fraction = nanos
    ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`
    : '';
  return `${out}${sign}${Math.abs(secs)}${fraction}S`;
};

/** java.time.Period.toString of a normalised period. */
const javaPeriod = (d: FeelYearsDuration): string => {
  if (d.totalMonths === 0) return 'P0D';
  return `P${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}`;
};

const toJsonValue = (value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return value;
  }
  if (isList(value)) return value.map(toJsonValue);
  if (isContext(value)) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(result, key, {
        value: toJsonValue(value[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  if (value instanceof FeelTime)
    return `${value.time}${formatOffset(value.offset)}`;
  if (value instanceof FeelDateTime) {
    const base = `${value.local}${formatOffset(value.offset)}`;
    return value.zone === null ? base : `${base}[${value.zone}]`;
  }
  if (value instanceof FeelDaysDuration) return javaDuration(value);
  if (value instanceof FeelYearsDuration) return javaPeriod(value);
  return String(value);
};

/** JSON numbers as FEEL numbers; NaN-free. */
const fromJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(`Failed to parse JSON from '${text}'`);
  }
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const parseNumber = (text: string): number => {
  if (!NUMBER.test(text)) return fail(`Can't parse '${text}' as a number`);
  const value = Number(text);
  return Number.isFinite(value)
    ? value
    : fail(`Can't parse '${text}' as a number`);
};

const GROUPING = new Set([' ', ',', '.']);
const DECIMAL = new Set([',', '.']);

const conversionBuiltins: Builtins = {
  date: [
    builtin(['from'], ([from]) => {
      if (isString(from)) {
        const date = DATE.test(from) ? parseDate(from) : undefined;
        return date ?? fail(`Failed to parse date from '${from}'`);
      }
      return dateOf(from);
    }),
    builtin(['year', 'month', 'day'], ([year, month, day]) => {
      if (!isNumber(year) || !isNumber(month) || !isNumber(day))
        return undefined;
      const date = parseDate(
        `${String(intValue(year)).padStart(4, '0')}-${String(intValue(month)).padStart(2, '0')}-${String(intValue(day)).padStart(2, '0')}`
      );
      return (
        date ??
        fail(
          `Failed to parse date from: year=${formatNumber(year)}, month=${formatNumber(month)}, day=${formatNumber(day)}`
        )
      );
    }),
  ],
  'date and time': [
    builtin(['from'], ([from]) => {
      if (!isString(from)) return undefined;
      if (DATE.test(from)) {
        const date = parseDate(from);
        return date
          ? new FeelLocalDateTime(date, new FeelLocalTime(0))
          : fail(`Failed to parse date(-time) from '${from}'`);
      }
      if (OFFSET_DATE_TIME.test(from)) {
        return (
          parseDateTime(from) ??
          fail(`Failed to parse date-time from '${from}'`)
        );
      }
      if (LOCAL_DATE_TIME.test(from)) {
        return (
          parseDateTime(from) ??
          fail(`Failed to parse local-date-time from '${from}'`)
        );
      }
      return fail(`Failed to parse date-time from '${from}'`);
    }),
    builtin(['date', 'time'], ([date, time]) => {
      const day = dateOf(date);
      if (!day) return undefined;
      if (time instanceof FeelLocalTime)
        return new FeelLocalDateTime(day, time);
      if (time instanceof FeelTime) return withDate(time, day);
      if (isString(time) && !(date instanceof FeelDate)) {
        const zone = zoneOf(time);
        if (!zone) return fail(`Unknown time-zone ID: ${time}`);
        if (date instanceof FeelLocalDateTime) {
          return zone.zone === null
            ? new FeelDateTime(date, zone.offset, null)
            : FeelDateTime.atZone(date, zone.zone);
        }
        const dt = date as FeelDateTime;
        return FeelDateTime.ofInstant(
          dt.epochSecond,
          dt.local.time.nano,
          zone.zone,
          zone.offset
        );
      }
      return undefined;
    }),
  ],
  time: [
    builtin(['from'], ([from]) => {
      if (isString(from)) {
        if (OFFSET_TIME.test(from)) {
          const time = parseTime(from);
          return time instanceof FeelTime
            ? time
            : fail(`Failed to parse time from '${from}'`);
        }
        const time = parseTime(from);
        return time instanceof FeelLocalTime
          ? time
          : fail(`Failed to parse local-time from '${from}'`);
      }
      if (from instanceof FeelLocalDateTime) return from.time;
      if (from instanceof FeelDateTime)
        return new FeelTime(from.local.time, from.offset, from.zone);
      if (from instanceof FeelDate)
        return new FeelTime(new FeelLocalTime(0), 0, null);
      return undefined;
    }),
    builtin(['hour', 'minute', 'second'], ([hour, minute, second]) => {
      if (!isNumber(hour) || !isNumber(minute) || !isNumber(second))
        return undefined;
      return (
        timeOf(hour, minute, second) ??
        fail(
          `Failed to parse local-time from: hour=${formatNumber(hour)}, minute=${formatNumber(minute)}, second=${formatNumber(second)}`
        )
      );
    }),
    builtin(
      ['hour', 'minute', 'second', 'offset'],
      ([hour, minute, second, offset]) => {
        if (!isNumber(hour) || !isNumber(minute) || !isNumber(second))
          return undefined;
        const time = timeOf(hour, minute, second);
        if (offset === null) {
          return (
            time ??
            fail(
              `Failed to parse local-time from: hour=${hour}, minute=${minute}, second=${second}`
            )
          );
        }
        if (!(offset instanceof FeelDaysDuration)) return undefined;
        if (!time || Math.abs(offset.seconds) > 18 * 3600) {
          return fail(
            `Failed to parse time from: hour=${hour}, minute=${minute}, second=${second}, offset=${javaDuration(offset)}`
          );
        }
        return new FeelTime(time, offset.seconds, null);
      }
    ),
  ],
  number: [
    builtin(['from'], ([from]) =>
      isString(from) ? parseNumber(from) : undefined
    ),
    builtin(['from', 'grouping separator'], ([from, grouping]) => {
      if (!isString(from) || !isString(grouping)) return undefined;
      if (!GROUPING.has(grouping)) {
        return fail(
          "illegal argument for grouping. Must be one of ' ', ',' or '.'"
        );
      }
      return parseNumber(from.split(grouping).join(''));
    }),
    builtin(
      ['from', 'grouping separator', 'decimal separator'],
      ([from, grouping, decimal]) => {
        if (!isString(from)) return undefined;
        if (isString(grouping) && isString(decimal)) {
          if (
            GROUPING.has(grouping) &&
            DECIMAL.has(decimal) &&
            grouping !== decimal
          ) {
            return parseNumber(
              from.split(grouping).join('').split(decimal).join('.')
            );
          }
          return fail(
            "illegal arguments for grouping or decimal. Must be one of ' ' (grouping only), ',' or '.'"
          );
        }
        if (grouping === null && isString(decimal) && DECIMAL.has(decimal)) {
          return parseNumber(from.split(decimal).join('.'));
        }
        if (isString(grouping) && decimal === null && GROUPING.has(grouping)) {
          return parseNumber(from.split(grouping).join(''));
        }
        return undefined;
      }
    ),
  ],
  string: [
    builtin(['from'], ([from], env) => {
      if (from === null) return null;
      if (isString(from)) return from;
      const text = stringOf(from);
      env?.chargeString(text.length);
      return text;
    }),
  ],
  duration: [
    builtin(['from'], ([from]) => {
      if (!isString(from)) return undefined;
      if (YEARS_DURATION.test(from)) {
        return (
          parseYearsDuration(from) ??
          fail(`Failed to parse year-month-duration from '${from}'`)
        );
      }
      if (DAYS_DURATION.test(from)) {
        return (
          parseDaysDuration(from) ??
          fail(`Failed to parse day-time-duration from '${from}'`)
        );
      }
      return fail(`Failed to parse duration from '${from}'`);
    }),
  ],
  'years and months duration': [
    builtin(['from', 'to'], ([from, to]) => {
      const a = dateOf(from);
      const b = dateOf(to);
      if (!a || !b) return undefined;
      return new FeelYearsDuration(monthsBetween(a, b));
    }),
  ],
  'from json': [
    builtin(['json'], ([json]) => {
      if (json === null) return null;
      return isString(json) ? fromJson(json) : undefined;
    }),
  ],
  'to json': [
    builtin(['value'], ([value], env) => {
      if (value instanceof FeelFunctionValue || value instanceof FeelRange) {
        return JSON.stringify(String(value));
      }
      const text = JSON.stringify(toJsonValue(value));
      env?.chargeString(text.length);
      return text;
    }),
  ],
};

export { conversionBuiltins, stringOf };
