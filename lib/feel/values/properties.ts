// Properties of temporal values (`date.year`, `duration.days`, ...), as
// feel-scala's Val.properties; the order of the names is the one its
// messages print (Scala's map order).
import {
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
} from './temporal.js';

const DATE = ['year', 'month', 'day', 'weekday'];
const TIME = ['timezone', 'second', 'time offset', 'minute', 'hour'];
const DATE_TIME = [
  'timezone',
  'year',
  'second',
  'month',
  'day',
  'time offset',
  'weekday',
  'minute',
  'hour',
];
const DAYS = ['days', 'hours', 'minutes', 'seconds'];
const YEARS = ['years', 'months'];

/** The property names of a value (empty for values without properties). */
const temporalPropertyNames = (value: unknown): readonly string[] => {
  if (value instanceof FeelDate) return DATE;
  if (value instanceof FeelLocalTime || value instanceof FeelTime) return TIME;
  if (value instanceof FeelLocalDateTime || value instanceof FeelDateTime) {
    return DATE_TIME;
  }
  if (value instanceof FeelDaysDuration) return DAYS;
  if (value instanceof FeelYearsDuration) return YEARS;
  return [];
};

const dateProperty = (date: FeelDate, name: string): unknown => {
  switch (name) {
    case 'year':
      return date.year;
    case 'month':
      return date.month;
    case 'day':
      return date.day;
    case 'weekday':
      return date.weekday;
    default:
      return undefined;
  }
};

const timeProperty = (time: FeelLocalTime, name: string): unknown => {
  switch (name) {
    case 'hour':
      return time.hour;
    case 'minute':
      return time.minute;
    case 'second':
      return time.second;
    default:
      return undefined;
  }
};

const offsetProperties = (
  offset: number | null,
  zone: string | null,
  name: string
): unknown => {
  if (name === 'time offset') {
    return offset === null ? null : new FeelDaysDuration(offset);
  }
  if (name === 'timezone') return zone;
  return undefined;
};

/** The value of a property, or `undefined` when the value has none of that name. */
const temporalProperty = (value: unknown, name: string): unknown => {
  if (value instanceof FeelDate) return dateProperty(value, name);
  if (value instanceof FeelLocalTime) {
    return timeProperty(value, name) ?? offsetProperties(null, null, name);
  }
  if (value instanceof FeelTime) {
    return (
      timeProperty(value.time, name) ??
      offsetProperties(value.offset, value.zone, name)
    );
  }
  if (value instanceof FeelLocalDateTime) {
    return (
      dateProperty(value.date, name) ??
      timeProperty(value.time, name) ??
      offsetProperties(null, null, name)
    );
  }
  if (value instanceof FeelDateTime) {
    return (
      dateProperty(value.local.date, name) ??
      timeProperty(value.local.time, name) ??
      offsetProperties(value.offset, value.zone, name)
    );
  }
  if (value instanceof FeelDaysDuration) {
    switch (name) {
      case 'days':
        return value.days;
      case 'hours':
        return value.hours;
      case 'minutes':
        return value.minutes;
      case 'seconds':
        return value.secondsPart;
      default:
        return undefined;
    }
  }
  if (value instanceof FeelYearsDuration) {
    if (name === 'years') return value.years;
    if (name === 'months') return value.months;
  }
  return undefined;
};

export { temporalProperty, temporalPropertyNames };
