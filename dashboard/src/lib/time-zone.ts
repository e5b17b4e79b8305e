// Calendar arithmetic in an IANA zone with nothing but Intl, so the bundles need no date library.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function isTimeZone(name: string): boolean {
  try {
    partsFormatter(name);
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The wall-clock reading in `timeZone` at `instant` (ms). */
export function localTime(instant: number, timeZone: string): LocalTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
export function zoneOffset(instant: number, timeZone: string): number {
  const t = localTime(instant, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant when clocks in `timeZone` read `local` (fields may overflow, e.g. day 32).
 * A time skipped by a DST jump resolves to the instant after the jump.
 */
export function zonedInstant(local: LocalTime, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return Math.max(first, second);
}

/** Local midnight starting the day that contains `instant`, shifted by `days` calendar days. */
export function startOfDay(instant: number, timeZone: string, days = 0): number {
  const t = localTime(instant, timeZone);
  return zonedInstant({ year: t.year, month: t.month, day: t.day + days, hour: 0, minute: 0 }, timeZone);
}

/** The first local hour boundary at or after `instant`. */
export function ceilToHour(instant: number, timeZone: string): number {
  const offset = zoneOffset(instant, timeZone);
  return Math.ceil((instant + offset) / HOUR) * HOUR - offset;
}

/** `yyyy-MM-ddTHH:mm` as read on clocks in `timeZone` (the value of an <input type=datetime-local>). */
export function toLocalInput(instant: number, timeZone: string): string {
  const t = localTime(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
}

/** Inverse of toLocalInput; null when the text is not a local date-time. */
export function fromLocalInput(text: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  return zonedInstant({ year, month, day, hour, minute }, timeZone);
}

export { HOUR, DAY };
