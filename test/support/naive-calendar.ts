// Calendar buckets found the slow, obvious way: walk [from, to) a quarter hour at a time, read the
// zone's wall clock from Intl at each step and start a bucket wherever the local hour (with its UTC
// offset), date, Monday-based week or month changes. No server code involved. The step sees every
// change because today's UTC offsets are all whole quarter hours and change on whole quarter hours.
export type NaiveGranularity = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

const STEP = 900_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localKey(format: Intl.DateTimeFormat, granularity: NaiveGranularity, t: number): string {
  const part = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
  const date = `${part.year}-${part.month}-${part.day}`;
  switch (granularity) {
    case 'HOUR':
      // Two hours reading the same on the clock (clocks going back) are told apart by their offset.
      return `${date}T${part.hour} ${part.timeZoneName}`;
    case 'DAY':
      return date;
    case 'WEEK': {
      const monday = new Date(
        Date.UTC(Number(part.year), Number(part.month) - 1, Number(part.day) - WEEKDAYS.indexOf(part.weekday)),
      );
      return monday.toISOString().slice(0, 10);
    }
    case 'MONTH':
      return `${part.year}-${part.month}`;
  }
}

/** [start, end) of each bucket meeting [from, to), clipped to it, in order. */
export function naiveBuckets(
  from: Date,
  to: Date,
  granularity: NaiveGranularity,
  zone: string,
): { start: Date; end: Date }[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const starts = [from.getTime()];
  let key = localKey(format, granularity, from.getTime());
  for (let t = Math.floor(from.getTime() / STEP) * STEP + STEP; t < to.getTime(); t += STEP) {
    const next = localKey(format, granularity, t);
    if (next !== key) starts.push(t);
    key = next;
  }
  const ends = [...starts.slice(1), to.getTime()];
  return starts.map((start, i) => ({ start: new Date(start), end: new Date(ends[i]) }));
}
