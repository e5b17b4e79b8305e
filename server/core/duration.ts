// Durations as people write them in settings ("5 minutes", "1 hour", "30s"), to milliseconds and back.

const UNITS: { ms: number; names: string[]; singular: string; plural: string }[] = [
  { ms: 86_400_000, names: ['d', 'day', 'days'], singular: 'day', plural: 'days' },
  { ms: 3_600_000, names: ['h', 'hr', 'hour', 'hours'], singular: 'hour', plural: 'hours' },
  { ms: 60_000, names: ['m', 'min', 'mins', 'minute', 'minutes'], singular: 'minute', plural: 'minutes' },
  { ms: 1_000, names: ['s', 'sec', 'secs', 'second', 'seconds'], singular: 'second', plural: 'seconds' },
  { ms: 1, names: ['ms', 'millisecond', 'milliseconds'], singular: 'ms', plural: 'ms' },
];

const PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/;

/** Milliseconds of "<number> <unit>"; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const found = PATTERN.exec(text.trim().toLowerCase());
  if (!found) return null;
  const unit = UNITS.find((u) => u.names.includes(found[2]));
  if (!unit) return null;
  const ms = Number(found[1]) * unit.ms;
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The largest unit that divides the duration evenly: 3_600_000 → "1 hour", 90_000 → "90 seconds". */
export function formatDuration(ms: number): string {
  const unit = UNITS.find((u) => ms >= u.ms && ms % u.ms === 0) ?? UNITS[UNITS.length - 1];
  const count = ms / unit.ms;
  return `${count} ${count === 1 ? unit.singular : unit.plural}`;
}
