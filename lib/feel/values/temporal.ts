// FEEL's temporal values with feel-scala's semantics (java.time underneath
// there): dates, local and zoned times, local and zoned date-times, and the
// two kinds of durations. Time zones come from the runtime's Intl data.

const NANOS_PER_SECOND = 1_000_000_000;
const SECONDS_PER_DAY = 86_400;

const pad = (n: number, width = 2): string => {
  const text = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${text}` : text;
};

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

// Days since 1970-01-01 (proleptic Gregorian), as java.time's toEpochDay.
const toEpochDay = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

const fromEpochDay = (epochDay: number): [number, number, number] => {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe -
      Math.floor(doe / 1460) +
      Math.floor(doe / 36_524) -
      Math.floor(doe / 146_096)) /
      365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
};

const fraction = (nanos: number): string =>
  nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;

/** `Z`, `+01:00` or `+01:00:30` (java.time's offset id). */
const formatOffset = (seconds: number): string => {
  if (seconds === 0) return 'Z';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${seconds < 0 ? '-' : '+'}${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
};

class FeelDate {
  public constructor(
    public readonly year: number,
    public readonly month: number,
    public readonly day: number
  ) {}

  public static ofEpochDay(epochDay: number): FeelDate {
    const [y, m, d] = fromEpochDay(epochDay);
    return new FeelDate(y, m, d);
  }

  public get epochDay(): number {
    return toEpochDay(this.year, this.month, this.day);
  }

  /** ISO day of week, Monday = 1. */
  public get weekday(): number {
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1;
  }

  public plusMonths(months: number): FeelDate {
    const total = this.year * 12 + (this.month - 1) + months;
    const year = Math.floor(total / 12);
    const month = total - year * 12 + 1;
    return new FeelDate(
      year,
      month,
      Math.min(this.day, daysInMonth(year, month))
    );
  }

  public plusDays(days: number): FeelDate {
    return FeelDate.ofEpochDay(this.epochDay + days);
  }

  public compare(other: FeelDate): number {
    return this.epochDay - other.epochDay;
  }

  public toString(): string {
    const year =
      this.year > 9999
        ? `+${this.year}`
        : this.year < 0
          ? `-${String(-this.year).padStart(4, '0')}`
          : String(this.year).padStart(4, '0');
    return `${year}-${pad(this.month)}-${pad(this.day)}`;
  }

  public toJSON(): string {
    return this.toString();
  }
}

class FeelLocalTime {
  /** Nanoseconds since midnight (0 ≤ n < 86,400 s). */
  public constructor(public readonly nanoOfDay: number) {}

  public static of(h: number, m: number, s: number, nano = 0): FeelLocalTime {
    return new FeelLocalTime((h * 3600 + m * 60 + s) * NANOS_PER_SECOND + nano);
  }

  public get hour(): number {
    return Math.floor(this.nanoOfDay / (3600 * NANOS_PER_SECOND));
  }

  public get minute(): number {
    return Math.floor(this.nanoOfDay / (60 * NANOS_PER_SECOND)) % 60;
  }

  public get second(): number {
    return Math.floor(this.nanoOfDay / NANOS_PER_SECOND) % 60;
  }

  public get nano(): number {
    return this.nanoOfDay % NANOS_PER_SECOND;
  }

  /** Plus a number of seconds and nanoseconds, wrapping around midnight. */
  public plus(seconds: number, nanos: number): FeelLocalTime {
    const day = SECONDS_PER_DAY * NANOS_PER_SECOND;
    const delta =
      ((seconds % SECONDS_PER_DAY) * NANOS_PER_SECOND + nanos) % day;
    return new FeelLocalTime((((this.nanoOfDay + delta) % day) + day) % day);
  }

  public compare(other: FeelLocalTime): number {
    return this.nanoOfDay - other.nanoOfDay;
  }

  public toString(): string {
    return `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${fraction(this.nano)}`;
  }

  public toJSON(): string {
    return this.toString();
  }
}

// ---------- time zones ----------

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

const zoneFormatter = (zone: string): Intl.DateTimeFormat | undefined => {
  const cached = zoneFormatters.get(zone);
  if (cached) return cached;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    if (zoneFormatters.size > 500) zoneFormatters.clear();
    zoneFormatters.set(zone, formatter);
    return formatter;
  } catch {
    return undefined;
  }
};

const ZONE_ID = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Whether the runtime knows the time zone region id. */
const isKnownZone = (zone: string): boolean =>
  ZONE_ID.test(zone) && zoneFormatter(zone) !== undefined;

/** The offset (seconds) of a zone at an instant (epoch seconds). */
const zoneOffsetAt = (zone: string, epochSecond: number): number => {
  const formatter = zoneFormatter(zone);
  if (!formatter) throw new RangeError(`Unknown time zone ${zone}`);
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(epochSecond * 1000)) {
    parts[part.type] = part.value;
  }
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const local =
    toEpochDay(year, Number(parts.month), Number(parts.day)) * SECONDS_PER_DAY +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  return local - epochSecond;
};

/**
 * The offset a zone has at a local date-time (java.time's rules: in an
 * overlap the earlier offset, in a gap the offset after the gap with the
 * local time moved forward by the gap).
 */
const resolveLocal = (
  zone: string,
  localEpochSecond: number
): { offset: number; localEpochSecond: number } => {
  const before = zoneOffsetAt(zone, localEpochSecond - SECONDS_PER_DAY);
  const after = zoneOffsetAt(zone, localEpochSecond + SECONDS_PER_DAY);
  const valid = [before, after].filter(
    (offset) => zoneOffsetAt(zone, localEpochSecond - offset) === offset
  );
  if (valid.length > 0) {
    return { offset: Math.max(...valid), localEpochSecond };
  }
  return {
    offset: after,
    localEpochSecond: localEpochSecond + (after - before),
  };
};

/** A zone's standard (non-DST) offset now, as ZonedTime.parse uses it. */
const standardOffset = (zone: string): number => {
  const now = Math.floor(Date.now() / 1000);
  const year = fromEpochDay(Math.floor(now / SECONDS_PER_DAY))[0];
  const jan = toEpochDay(year, 1, 1) * SECONDS_PER_DAY;
  const jul = toEpochDay(year, 7, 1) * SECONDS_PER_DAY;
  return Math.min(zoneOffsetAt(zone, jan), zoneOffsetAt(zone, jul));
};

class FeelTime {
  /** A time of day with an offset and, when given by region, its zone. */
  public constructor(
    public readonly time: FeelLocalTime,
    public readonly offset: number,
    public readonly zone: string | null
  ) {}

  /** Nanoseconds of the day at UTC (feel-scala's ZonedTime.nanos). */
  public get utcNanos(): number {
    return this.time.nanoOfDay - this.offset * NANOS_PER_SECOND;
  }

  public compare(other: FeelTime): number {
    return this.utcNanos - other.utcNanos;
  }

  public plus(seconds: number, nanos: number): FeelTime {
    return new FeelTime(this.time.plus(seconds, nanos), this.offset, this.zone);
  }

  public toString(): string {
    return this.zone === null
      ? `${this.time}${formatOffset(this.offset)}`
      : `${this.time}@${this.zone}`;
  }

  /**
   * What Camunda's runtime writes: feel-scala unpacks a time to a
   * java.time.OffsetTime (the zone is dropped), which Jackson writes with
   * ISO_OFFSET_TIME.
   */
  public toJSON(): string {
    return `${this.time}${formatOffset(this.offset)}`;
  }
}

class FeelLocalDateTime {
  public constructor(
    public readonly date: FeelDate,
    public readonly time: FeelLocalTime
  ) {}

  public static ofEpochSecond(
    epochSecond: number,
    nano: number
  ): FeelLocalDateTime {
    const day = Math.floor(epochSecond / SECONDS_PER_DAY);
    const second = epochSecond - day * SECONDS_PER_DAY;
    return new FeelLocalDateTime(
      FeelDate.ofEpochDay(day),
      new FeelLocalTime(second * NANOS_PER_SECOND + nano)
    );
  }

  /** Seconds since the epoch, reading the local date-time as UTC. */
  public get epochSecond(): number {
    return (
      this.date.epochDay * SECONDS_PER_DAY +
      Math.floor(this.time.nanoOfDay / NANOS_PER_SECOND)
    );
  }

  public plus(seconds: number, nanos: number): FeelLocalDateTime {
    const nano = this.time.nano + nanos;
    const carry = Math.floor(nano / NANOS_PER_SECOND);
    return FeelLocalDateTime.ofEpochSecond(
      this.epochSecond + seconds + carry,
      nano - carry * NANOS_PER_SECOND
    );
  }

  public plusMonths(months: number): FeelLocalDateTime {
    return new FeelLocalDateTime(this.date.plusMonths(months), this.time);
  }

  public compare(other: FeelLocalDateTime): number {
    return (
      this.epochSecond - other.epochSecond || this.time.nano - other.time.nano
    );
  }

  public toString(): string {
    return `${this.date}T${this.time}`;
  }

  public toJSON(): string {
    return this.toString();
  }
}

class FeelDateTime {
  /** A local date-time with its offset and, when given by region, zone. */
  public constructor(
    public readonly local: FeelLocalDateTime,
    public readonly offset: number,
    public readonly zone: string | null
  ) {}

  /** At a zone: the offset follows the zone's rules. */
  public static atZone(local: FeelLocalDateTime, zone: string): FeelDateTime {
    const resolved = resolveLocal(zone, local.epochSecond);
    const shifted =
      resolved.localEpochSecond === local.epochSecond
        ? local
        : FeelLocalDateTime.ofEpochSecond(
            resolved.localEpochSecond,
            local.time.nano
          );
    return new FeelDateTime(shifted, resolved.offset, zone);
  }

  /** From an instant, in a zone or at an offset. */
  public static ofInstant(
    epochSecond: number,
    nano: number,
    zone: string | null,
    offset: number
  ): FeelDateTime {
    const actual = zone === null ? offset : zoneOffsetAt(zone, epochSecond);
    return new FeelDateTime(
      FeelLocalDateTime.ofEpochSecond(epochSecond + actual, nano),
      actual,
      zone
    );
  }

  public get epochSecond(): number {
    return this.local.epochSecond - this.offset;
  }

  public plus(seconds: number, nanos: number): FeelDateTime {
    // Durations are exact: add to the instant, then find the local time.
    const moved = this.local.plus(seconds, nanos);
    const epoch = moved.epochSecond - this.offset;
    return FeelDateTime.ofInstant(
      epoch,
      moved.time.nano,
      this.zone,
      this.offset
    );
  }

  public plusMonths(months: number): FeelDateTime {
    const local = this.local.plusMonths(months);
    return this.zone === null
      ? new FeelDateTime(local, this.offset, null)
      : FeelDateTime.atZone(local, this.zone);
  }

  public compare(other: FeelDateTime): number {
    return (
      this.epochSecond - other.epochSecond ||
      this.local.time.nano - other.local.time.nano
    );
  }

  public toString(): string {
    return this.zone === null
      ? `${this.local}${formatOffset(this.offset)}`
      : `${this.local}@${this.zone}`;
  }

  /**
   * What Camunda's runtime writes: Jackson's ZonedDateTimeSerializer uses
   * ISO_OFFSET_DATE_TIME (WRITE_DATES_WITH_ZONE_ID is off), so a zone id
   * becomes its offset at that instant.
   */
  public toJSON(): string {
    return `${this.local}${formatOffset(this.offset)}`;
  }
}

/** A days-and-time duration (java.time.Duration): seconds and nanoseconds. */
class FeelDaysDuration {
  public readonly seconds: number;
  public readonly nanos: number;

  public constructor(seconds: number, nanos = 0) {
    const carry = Math.floor(nanos / NANOS_PER_SECOND);
    this.seconds = seconds + carry;
    this.nanos = nanos - carry * NANOS_PER_SECOND;
  }

  public static ofMillis(millis: number): FeelDaysDuration {
    const seconds = Math.floor(millis / 1000);
    return new FeelDaysDuration(seconds, (millis - seconds * 1000) * 1_000_000);
  }

  public get totalMillis(): number {
    return this.seconds * 1000 + Math.floor(this.nanos / 1_000_000);
  }

  public get isZero(): boolean {
    return this.seconds === 0 && this.nanos === 0;
  }

  public negated(): FeelDaysDuration {
    return new FeelDaysDuration(-this.seconds, -this.nanos);
  }

  public plus(other: FeelDaysDuration): FeelDaysDuration {
    return new FeelDaysDuration(
      this.seconds + other.seconds,
      this.nanos + other.nanos
    );
  }

  public compare(other: FeelDaysDuration): number {
    return this.seconds - other.seconds || this.nanos - other.nanos;
  }

  // java.time's toDays / toHours / toMinutes truncate towards zero
  private get wholeSeconds(): number {
    return this.seconds < 0 && this.nanos > 0 ? this.seconds + 1 : this.seconds;
  }

  public get days(): number {
    return Math.trunc(this.wholeSeconds / SECONDS_PER_DAY);
  }

  public get hours(): number {
    return Math.trunc(this.wholeSeconds / 3600) % 24;
  }

  public get minutes(): number {
    return Math.trunc(this.wholeSeconds / 60) % 60;
  }

  /** feel-scala's `seconds` property: getSeconds % 60. */
  public get secondsPart(): number {
    return this.seconds % 60;
  }

  public toString(): string {
    const day = this.days;
    const hour = Math.trunc(this.seconds / 3600) % 24;
    const minute = Math.trunc(this.seconds / 60) % 60;
    const second = this.seconds % 60;
    const text = (d: number, h: number, m: number, s: number): string => {
      const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
      return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
    };
    const d = Math.trunc(this.seconds / SECONDS_PER_DAY);
    if (d === 0 && hour === 0 && minute === 0 && second === 0) return 'P0D';
    if (day <= 0 && hour <= 0 && minute <= 0 && second <= 0) {
      return `-${text(-d, -hour, -minute, -second)}`;
    }
    return text(d, hour, minute, second);
  }

  /**
   * What Camunda's runtime writes: Jackson's DurationSerializer uses
   * java.time.Duration.toString — hours, minutes and seconds only (`PT36H`),
   * each part with its own sign (`PT-1H-30M`), `PT0S` for zero.
   */
  public toJSON(): string {
    if (this.isZero) return 'PT0S';
    // Duration.toString: seconds round towards zero when nanos are present.
    const total =
      this.seconds < 0 && this.nanos > 0 ? this.seconds + 1 : this.seconds;
    const hours = Math.trunc(total / 3600);
    const minutes = Math.trunc((total % 3600) / 60);
    const secs = total % 60;
    let text = `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}`;
    if (secs === 0 && this.nanos === 0 && text.length > 2) return text;
    text += this.seconds < 0 && this.nanos > 0 && secs === 0 ? '-0' : `${secs}`;
    if (this.nanos > 0) {
      const nanos =
        this.seconds < 0 ? NANOS_PER_SECOND - this.nanos : this.nanos;
      text += `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
    }
    return `${text}S`;
  }
}

/** A years-and-months duration (a normalised java.time.Period). */
class FeelYearsDuration {
  public constructor(public readonly totalMonths: number) {}

  public get years(): number {
    return Math.trunc(this.totalMonths / 12);
  }

  public get months(): number {
    return this.totalMonths % 12;
  }

  public compare(other: FeelYearsDuration): number {
    return this.totalMonths - other.totalMonths;
  }

  public toString(): string {
    const year = this.years;
    const month = this.months;
    const text = (y: number, m: number): string =>
      `P${y ? `${y}Y` : ''}${m ? `${m}M` : ''}`;
    if (year === 0 && month === 0) return 'P0Y';
    if (year <= 0 && month <= 0) return `-${text(-year, -month)}`;
    return text(year, month);
  }

  /**
   * What Camunda's runtime writes: feel-scala unpacks a years-and-months
   * duration to a java.time.Period, which Jackson writes with its toString:
   * each part with its own sign (`P-1Y-2M`), `P0D` for zero.
   */
  public toJSON(): string {
    const year = this.years;
    const month = this.months;
    if (year === 0 && month === 0) return 'P0D';
    return `P${year ? `${year}Y` : ''}${month ? `${month}M` : ''}`;
  }
}

// ---------- parsing (feel-scala's patterns and java.time's formatters) ----------

const DATE = /^(-?(?:[1-9]\d{0,4})?\d{4})-([01]\d)-([0-3]\d)$/;
const LOCAL_TIME = /^T?(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?$/;
const OFFSET_TIME =
  /^T?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([+-]\d{2}:\d{2}(?::\d{2})?)|(Z)|@(.+))$/;
const LOCAL_DATE_TIME =
  /^(-?(?:[1-9]\d{0,4})?\d{4})-([01]\d)-([0-3]\d)T([0-2]\d):([0-5]\d)(?::([0-5]\d))?(?:\.(\d{1,9}))?$/;
const OFFSET_DATE_TIME =
  /^(-?(?:[1-9]\d{0,4})?\d{4})-([01]\d)-([0-3]\d)T([0-2]\d):([0-5]\d)(?::([0-5]\d))?(?:\.(\d{1,9}))?(?:(?:([+-][01]\d:[0-5]\d)|(Z))(?:\[(.+)\])?|@(.+))$/;
const YEARS_DURATION = /^(-)?P(?:(-?\d+)Y)?(?:(-?\d+)M)?$/;
const DAYS_DURATION =
  /^([-+])?P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

const nanosOf = (digits: string | undefined): number =>
  digits ? Number(digits.padEnd(9, '0')) : 0;

const parseOffset = (text: string): number | undefined => {
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const seconds =
    Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  if (seconds > 18 * 3600) return undefined;
  return match[1] === '-' ? -seconds : seconds;
};

const makeDate = (y: string, m: string, d: string): FeelDate | undefined => {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return new FeelDate(year, month, day);
};

const makeTime = (
  h: string,
  m: string,
  s: string | undefined,
  f: string | undefined
): FeelLocalTime | undefined => {
  const hour = Number(h);
  const minute = Number(m);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return FeelLocalTime.of(hour, minute, second, nanosOf(f));
};

const parseDate = (text: string): FeelDate | undefined => {
  const match = DATE.exec(text);
  return match
    ? makeDate(match[1] ?? '', match[2] ?? '', match[3] ?? '')
    : undefined;
};

const parseLocalTime = (text: string): FeelLocalTime | undefined => {
  const match = LOCAL_TIME.exec(text);
  return match
    ? makeTime(match[1] ?? '', match[2] ?? '', match[3], match[4])
    : undefined;
};

const parseTime = (text: string): FeelTime | FeelLocalTime | undefined => {
  const match = OFFSET_TIME.exec(text);
  if (!match) return parseLocalTime(text);
  const time = makeTime(match[1] ?? '', match[2] ?? '', match[3], match[4]);
  if (!time) return undefined;
  const zone = match[7];
  if (zone !== undefined) {
    if (!isKnownZone(zone)) return undefined;
    return new FeelTime(time, standardOffset(zone), zone);
  }
  const offset = parseOffset(match[5] ?? match[6] ?? '');
  return offset === undefined ? undefined : new FeelTime(time, offset, null);
};

const parseLocalDateTime = (text: string): FeelLocalDateTime | undefined => {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return undefined;
  const date = makeDate(match[1] ?? '', match[2] ?? '', match[3] ?? '');
  const time = makeTime(match[4] ?? '', match[5] ?? '', match[6], match[7]);
  return date && time ? new FeelLocalDateTime(date, time) : undefined;
};

const parseDateTime = (
  text: string
): FeelDateTime | FeelLocalDateTime | undefined => {
  const match = OFFSET_DATE_TIME.exec(text);
  if (!match) {
    const date = parseDate(text);
    if (date) return new FeelLocalDateTime(date, new FeelLocalTime(0));
    return parseLocalDateTime(text);
  }
  const date = makeDate(match[1] ?? '', match[2] ?? '', match[3] ?? '');
  const time = makeTime(match[4] ?? '', match[5] ?? '', match[6], match[7]);
  if (!date || !time) return undefined;
  const local = new FeelLocalDateTime(date, time);
  const zone = match[10] ?? match[11];
  if (zone !== undefined) {
    if (!isKnownZone(zone)) return undefined;
    const atZone = FeelDateTime.atZone(local, zone);
    const offsetText = match[8] ?? match[9];
    if (offsetText !== undefined && match[10] !== undefined) {
      // `...+01:00[Europe/Paris]`: the offset is kept if the zone allows it
      const offset = parseOffset(offsetText);
      if (offset !== undefined && offset !== atZone.offset) {
        const valid = zoneOffsetAt(zone, local.epochSecond - offset) === offset;
        if (valid) return new FeelDateTime(local, offset, zone);
      }
    }
    return atZone;
  }
  const offset = parseOffset(match[8] ?? match[9] ?? '');
  return offset === undefined
    ? undefined
    : new FeelDateTime(local, offset, null);
};

const parseYearsDuration = (text: string): FeelYearsDuration | undefined => {
  const match = YEARS_DURATION.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    return undefined;
  }
  const sign = match[1] ? -1 : 1;
  const years = Number(match[2] ?? 0);
  const months = Number(match[3] ?? 0);
  return new FeelYearsDuration(sign * (years * 12 + months));
};

const parseDaysDuration = (text: string): FeelDaysDuration | undefined => {
  const match = DAYS_DURATION.exec(text);
  if (!match) return undefined;
  const [, sign, d, h, m, s, f] = match;
  if (
    d === undefined &&
    h === undefined &&
    m === undefined &&
    s === undefined
  ) {
    return undefined;
  }
  if (text.endsWith('T')) return undefined;
  const seconds =
    Number(d ?? 0) * SECONDS_PER_DAY +
    Number(h ?? 0) * 3600 +
    Number(m ?? 0) * 60 +
    Number(s ?? 0);
  let nanos = nanosOf(f);
  if ((s ?? '').startsWith('-')) nanos = -nanos;
  const duration = new FeelDaysDuration(seconds, nanos);
  return sign === '-' ? duration.negated() : duration;
};

/** A duration of either kind (feel-scala picks years-months when it fits). */
const parseDuration = (
  text: string
): FeelYearsDuration | FeelDaysDuration | undefined =>
  parseYearsDuration(text) ?? parseDaysDuration(text);

/** What `@"..."` means, as feel-scala's parseTemporalValue decides it. */
const parseTemporalLiteral = (
  text: string
):
  | FeelDate
  | FeelTime
  | FeelLocalTime
  | FeelDateTime
  | FeelLocalDateTime
  | FeelYearsDuration
  | FeelDaysDuration
  | undefined => {
  if (DATE.test(text)) return parseDate(text);
  if (OFFSET_TIME.test(text)) return parseTime(text);
  if (OFFSET_DATE_TIME.test(text)) return parseDateTime(text);
  if (LOCAL_DATE_TIME.test(text)) return parseLocalDateTime(text);
  if (YEARS_DURATION.test(text)) return parseYearsDuration(text);
  if (DAYS_DURATION.test(text)) return parseDaysDuration(text);
  return parseLocalTime(text);
};

export {
  daysInMonth,
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
  parseDuration,
  parseLocalDateTime,
  parseLocalTime,
  parseOffset,
  parseTemporalLiteral,
  parseTime,
  parseYearsDuration,
  SECONDS_PER_DAY,
  zoneOffsetAt,
};
