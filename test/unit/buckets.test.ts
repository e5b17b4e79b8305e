import { describe, expect, it } from 'vitest';
import {
  assertTimeZone,
  BucketLimitError,
  calendarBuckets,
  previousWindow,
  TimeZoneError,
  type Granularity,
  type Window,
} from '../../server/core/buckets.js';

// Expected instants below come from each zone's published rules (tzdata), worked out by hand.
const at = (iso: string): Date => new Date(iso);
const spans = (ws: Window[]): [string, string][] => ws.map((w) => [w.start.toISOString(), w.end.toISOString()]);
const hoursOf = (w: Window): number => (w.end.getTime() - w.start.getTime()) / 3_600_000;
const buckets = (from: string, to: string, g: Granularity, zone: string, limit?: number): Window[] =>
  calendarBuckets(at(from), at(to), g, zone, limit);

describe('DAY buckets across daylight-saving changes', () => {
  it.each([
    ['Europe/Berlin spring forward', 'Europe/Berlin', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z', 23],
    ['Europe/Berlin fall back', 'Europe/Berlin', '2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z', 25],
    ['America/New_York spring forward', 'America/New_York', '2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z', 23],
    ['America/New_York fall back', 'America/New_York', '2024-11-03T04:00:00.000Z', '2024-11-04T05:00:00.000Z', 25],
    [
      'Australia/Lord_Howe half-hour forward',
      'Australia/Lord_Howe',
      '2024-10-05T13:30:00.000Z',
      '2024-10-06T13:00:00.000Z',
      23.5,
    ],
    [
      'Australia/Lord_Howe half-hour back',
      'Australia/Lord_Howe',
      '2024-04-06T13:00:00.000Z',
      '2024-04-07T13:30:00.000Z',
      24.5,
    ],
  ])('%s: the day runs local midnight to midnight', (_name, zone, start, end, hours) => {
    const [day] = buckets(start, end, 'DAY', zone);
    expect(spans([day])).toEqual([[start, end]]);
    expect(hoursOf(day)).toBe(hours);
  });

  it('starts a day without a midnight at its first instant (Havana, Santiago, Beirut)', () => {
    // Each zone jumps from 00:00 straight to 01:00 on that date.
    expect(spans(buckets('2024-03-09T05:00:00Z', '2024-03-11T04:00:00Z', 'DAY', 'America/Havana'))).toEqual([
      ['2024-03-09T05:00:00.000Z', '2024-03-10T05:00:00.000Z'],
      ['2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z'],
    ]);
    expect(spans(buckets('2024-09-07T04:00:00Z', '2024-09-09T03:00:00Z', 'DAY', 'America/Santiago'))).toEqual([
      ['2024-09-07T04:00:00.000Z', '2024-09-08T04:00:00.000Z'],
      ['2024-09-08T04:00:00.000Z', '2024-09-09T03:00:00.000Z'],
    ]);
    expect(spans(buckets('2024-03-30T12:00:00Z', '2024-03-31T12:00:00Z', 'DAY', 'Asia/Beirut'))).toEqual([
      ['2024-03-30T12:00:00.000Z', '2024-03-30T22:00:00.000Z'],
      ['2024-03-30T22:00:00.000Z', '2024-03-31T12:00:00.000Z'],
    ]);
  });

  it('starts a day whose midnight falls inside a gap at the end of the gap (Toronto, 1919)', () => {
    // Clocks went from 23:30 EST on 30 March straight to 00:30 EDT on 31 March.
    expect(spans(buckets('1919-03-30T05:00:00Z', '1919-04-01T04:00:00Z', 'DAY', 'America/Toronto'))).toEqual([
      ['1919-03-30T05:00:00.000Z', '1919-03-31T04:30:00.000Z'],
      ['1919-03-31T04:30:00.000Z', '1919-04-01T04:00:00.000Z'],
    ]);
  });

  it('starts a day whose midnight repeats at the first midnight (Havana)', () => {
    // 2024-11-03 01:00 CDT falls back to 00:00 CST, so the date begins at 00:00 CDT.
    expect(spans(buckets('2024-11-02T04:00:00Z', '2024-11-04T05:00:00Z', 'DAY', 'America/Havana'))).toEqual([
      ['2024-11-02T04:00:00.000Z', '2024-11-03T04:00:00.000Z'],
      ['2024-11-03T04:00:00.000Z', '2024-11-04T05:00:00.000Z'],
    ]);
  });

  it('skips a date the zone never had (Samoa, 2011-12-30)', () => {
    expect(spans(buckets('2011-12-29T10:00:00Z', '2011-12-31T10:00:00Z', 'DAY', 'Pacific/Apia'))).toEqual([
      ['2011-12-29T10:00:00.000Z', '2011-12-30T10:00:00.000Z'],
      ['2011-12-30T10:00:00.000Z', '2011-12-31T10:00:00.000Z'],
    ]);
  });
});

describe('zones with 30- and 45-minute offsets', () => {
  it.each([
    ['Asia/Kolkata', '2024-01-14T18:30:00.000Z', '2024-01-15T18:30:00.000Z'],
    ['Asia/Kathmandu', '2024-01-14T18:15:00.000Z', '2024-01-15T18:15:00.000Z'],
    ['Pacific/Chatham', '2024-01-14T10:15:00.000Z', '2024-01-15T10:15:00.000Z'], // +13:45 in summer
    ['America/St_Johns', '2024-01-15T03:30:00.000Z', '2024-01-16T03:30:00.000Z'],
  ])('%s days start at local midnight', (zone, dayStart, nextDay) => {
    const got = buckets('2024-01-14T00:00:00Z', '2024-01-17T00:00:00Z', 'DAY', zone);
    expect(got.map((w) => w.start.toISOString())).toContain(dayStart);
    expect(got.map((w) => w.start.toISOString())).toContain(nextDay);
  });

  it('starts Kolkata hours at half past the UTC hour', () => {
    expect(spans(buckets('2024-01-15T10:00:00Z', '2024-01-15T12:00:00Z', 'HOUR', 'Asia/Kolkata'))).toEqual([
      ['2024-01-15T10:00:00.000Z', '2024-01-15T10:30:00.000Z'],
      ['2024-01-15T10:30:00.000Z', '2024-01-15T11:30:00.000Z'],
      ['2024-01-15T11:30:00.000Z', '2024-01-15T12:00:00.000Z'],
    ]);
  });
});

describe('HOUR buckets across daylight-saving changes', () => {
  it('gives a repeated hour (New York 01:00 on 2024-11-03) two buckets', () => {
    expect(spans(buckets('2024-11-03T04:00:00Z', '2024-11-03T08:00:00Z', 'HOUR', 'America/New_York'))).toEqual([
      ['2024-11-03T04:00:00.000Z', '2024-11-03T05:00:00.000Z'], // 00:00 EDT
      ['2024-11-03T05:00:00.000Z', '2024-11-03T06:00:00.000Z'], // 01:00 EDT
      ['2024-11-03T06:00:00.000Z', '2024-11-03T07:00:00.000Z'], // 01:00 EST
      ['2024-11-03T07:00:00.000Z', '2024-11-03T08:00:00.000Z'], // 02:00 EST
    ]);
  });

  it('follows Lord Howe half-hour shifts: 02:00 lasts 30 minutes, 01:30-02:00 repeats at the new offset', () => {
    expect(spans(buckets('2024-10-05T14:30:00Z', '2024-10-05T17:00:00Z', 'HOUR', 'Australia/Lord_Howe'))).toEqual([
      ['2024-10-05T14:30:00.000Z', '2024-10-05T15:30:00.000Z'], // 01:00 +10:30
      ['2024-10-05T15:30:00.000Z', '2024-10-05T16:00:00.000Z'], // 02:30 +11 (02:00-02:30 skipped)
      ['2024-10-05T16:00:00.000Z', '2024-10-05T17:00:00.000Z'], // 03:00 +11
    ]);
    expect(spans(buckets('2024-04-06T13:00:00Z', '2024-04-06T16:30:00Z', 'HOUR', 'Australia/Lord_Howe'))).toEqual([
      ['2024-04-06T13:00:00.000Z', '2024-04-06T14:00:00.000Z'], // 00:00 +11
      ['2024-04-06T14:00:00.000Z', '2024-04-06T15:00:00.000Z'], // 01:00 +11
      ['2024-04-06T15:00:00.000Z', '2024-04-06T15:30:00.000Z'], // 01:30 +10:30, clocks went back
      ['2024-04-06T15:30:00.000Z', '2024-04-06T16:30:00.000Z'], // 02:00 +10:30
    ]);
  });
});

describe('WEEK and MONTH buckets', () => {
  it('starts weeks on Monday at local midnight, including a 167-hour DST week', () => {
    const got = buckets('2024-03-20T00:00:00Z', '2024-04-10T00:00:00Z', 'WEEK', 'Europe/Berlin');
    expect(spans(got)).toEqual([
      ['2024-03-20T00:00:00.000Z', '2024-03-24T23:00:00.000Z'],
      ['2024-03-24T23:00:00.000Z', '2024-03-31T22:00:00.000Z'], // Mon 25 Mar CET -> Mon 1 Apr CEST
      ['2024-03-31T22:00:00.000Z', '2024-04-07T22:00:00.000Z'],
      ['2024-04-07T22:00:00.000Z', '2024-04-10T00:00:00.000Z'],
    ]);
    expect(hoursOf(got[1])).toBe(167);
  });

  it('keeps a week that crosses New Year whole', () => {
    expect(spans(buckets('2024-12-30T00:00:00Z', '2025-01-06T00:00:00Z', 'WEEK', 'UTC'))).toEqual([
      ['2024-12-30T00:00:00.000Z', '2025-01-06T00:00:00.000Z'],
    ]);
  });

  it('starts months on the local first, whatever the offset that day', () => {
    const got = buckets('2024-01-01T05:00:00Z', '2025-01-01T05:00:00Z', 'MONTH', 'America/New_York');
    expect(got).toHaveLength(12);
    expect(got.map((w) => w.start.toISOString())).toEqual([
      '2024-01-01T05:00:00.000Z',
      '2024-02-01T05:00:00.000Z',
      '2024-03-01T05:00:00.000Z',
      '2024-04-01T04:00:00.000Z',
      '2024-05-01T04:00:00.000Z',
      '2024-06-01T04:00:00.000Z',
      '2024-07-01T04:00:00.000Z',
      '2024-08-01T04:00:00.000Z',
      '2024-09-01T04:00:00.000Z',
      '2024-10-01T04:00:00.000Z',
      '2024-11-01T04:00:00.000Z',
      '2024-12-01T05:00:00.000Z',
    ]);
    expect(hoursOf(got[1])).toBe(29 * 24); // leap February
  });

  it('handles months before year 100 without Date.UTC century mapping', () => {
    const from = new Date(Date.UTC(2000, 0, 15));
    from.setUTCFullYear(42);
    const to = new Date(Date.UTC(2000, 2, 1));
    to.setUTCFullYear(42);
    expect(calendarBuckets(from, to, 'MONTH', 'UTC').map((w) => w.start.getUTCFullYear())).toEqual([42, 42]);
  });
});

describe('clipping and validation', () => {
  it('clips the first and last bucket and includes every bucket in between', () => {
    expect(spans(buckets('2024-01-01T06:00:00Z', '2024-01-04T03:00:00Z', 'DAY', 'UTC'))).toEqual([
      ['2024-01-01T06:00:00.000Z', '2024-01-02T00:00:00.000Z'],
      ['2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z'],
      ['2024-01-03T00:00:00.000Z', '2024-01-04T00:00:00.000Z'],
      ['2024-01-04T00:00:00.000Z', '2024-01-04T03:00:00.000Z'],
    ]);
  });

  it('returns one clipped bucket for a range inside a single period', () => {
    expect(spans(buckets('2024-05-10T01:02:03Z', '2024-05-10T01:02:04Z', 'MONTH', 'Asia/Tokyo'))).toEqual([
      ['2024-05-10T01:02:03.000Z', '2024-05-10T01:02:04.000Z'],
    ]);
  });

  it('rejects empty, reversed and invalid ranges', () => {
    expect(() => buckets('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'DAY', 'UTC')).toThrow(RangeError);
    expect(() => buckets('2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z', 'DAY', 'UTC')).toThrow(RangeError);
    expect(() => calendarBuckets(new Date(Number.NaN), at('2024-01-01T00:00:00Z'), 'DAY', 'UTC')).toThrow(RangeError);
  });

  it('rejects an unknown zone by name', () => {
    expect(() => buckets('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'DAY', 'Mars/Olympus')).toThrow(TimeZoneError);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/"Mars\/Olympus"/);
    expect(() => assertTimeZone('')).toThrow(TimeZoneError);
    expect(() => assertTimeZone('Asia/Kathmandu')).not.toThrow();
    expect(() => assertTimeZone('UTC')).not.toThrow();
  });
});

describe('bucket limit', () => {
  const thrown = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('expected an error');
  };

  it('allows exactly `limit` buckets and refuses one more, reporting both numbers', () => {
    expect(buckets('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', 'DAY', 'UTC', 31)).toHaveLength(31);
    const error = thrown(() => buckets('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', 'DAY', 'UTC', 30));
    expect(error).toBeInstanceOf(BucketLimitError);
    expect(error).toMatchObject({ count: 31, limit: 30 });
  });

  it('counts the repeated hour of a fall-back day exactly (25 buckets)', () => {
    const day = ['2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z'] as const;
    expect(buckets(...day, 'HOUR', 'America/New_York', 25)).toHaveLength(25);
    expect(thrown(() => buckets(...day, 'HOUR', 'America/New_York', 24))).toMatchObject({ count: 25, limit: 24 });
  });

  it('refuses a 200,000-year HOUR range up front (generating it would exhaust memory)', () => {
    const from = new Date(Date.UTC(2000, 0, 1));
    from.setUTCFullYear(-100_000);
    const to = new Date(Date.UTC(2000, 0, 1));
    to.setUTCFullYear(100_000);
    const error = thrown(() => calendarBuckets(from, to, 'HOUR', 'Europe/Berlin', 5000));
    expect(error).toBeInstanceOf(BucketLimitError);
    expect((error as BucketLimitError).count).toBeGreaterThan(200_000 * 8760);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => buckets('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'DAY', 'UTC', 0)).toThrow(RangeError);
    expect(() => buckets('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'DAY', 'UTC', 2.5)).toThrow(RangeError);
  });
});

describe('previousWindow', () => {
  it('returns the equally long period that ends where the window starts', () => {
    const prev = previousWindow({ start: at('2024-02-01T00:00:00Z'), end: at('2024-03-01T00:00:00Z') });
    expect(spans([prev])).toEqual([['2024-01-03T00:00:00.000Z', '2024-02-01T00:00:00.000Z']]);
  });

  it('rejects an empty window', () => {
    expect(() => previousWindow({ start: at('2024-02-01T00:00:00Z'), end: at('2024-02-01T00:00:00Z') })).toThrow(
      RangeError,
    );
  });
});

describe('every bucket is one local calendar period (checked against Intl)', () => {
  const readers = new Map<string, Intl.DateTimeFormat>();
  const localFields = (t: number, zone: string): Record<string, string> => {
    let reader = readers.get(zone);
    if (!reader) {
      reader = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        timeZoneName: 'longOffset',
      });
      readers.set(zone, reader);
    }
    return Object.fromEntries(reader.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  };
  const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  /** Names the local period an instant belongs to; an hour is a clock hour at one UTC offset. */
  const periodOf = (t: number, zone: string, g: Granularity): string => {
    const p = localFields(t, zone);
    if (g === 'HOUR') return `${p.year}-${p.month}-${p.day} ${p.hour}h ${p.timeZoneName}`;
    if (g === 'DAY') return `${p.year}-${p.month}-${p.day}`;
    if (g === 'MONTH') return `${p.year}-${p.month}`;
    const monday = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day) - WEEKDAYS.indexOf(p.weekday)));
    return monday.toISOString().slice(0, 10);
  };
  // Odd edges on purpose; the HOUR range holds over 6,000 buckets and every 2024 offset change below.
  const RANGES: [Granularity, string, string][] = [
    ['HOUR', '2024-02-20T03:17:29.123Z', '2024-11-10T21:41:07.877Z'],
    ['DAY', '2011-06-01T13:01:02.003Z', '2013-06-02T02:03:04.005Z'],
    ['WEEK', '2019-06-15T11:11:11.111Z', '2026-03-03T09:09:09.999Z'],
    ['MONTH', '1985-05-05T05:05:05.005Z', '2031-07-07T07:07:07.007Z'],
  ];
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'Europe/Dublin',
    'America/New_York',
    'America/Santiago',
    'America/Havana',
    'America/St_Johns',
    'Asia/Beirut',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Apia',
    'Africa/Casablanca',
    'Antarctica/Troll',
  ];

  it.each(ZONES)('%s', (zone) => {
    const problems: string[] = [];
    for (const [g, from, to] of RANGES) {
      const got = buckets(from, to, g, zone);
      if (got[0].start.toISOString() !== from || got[got.length - 1].end.toISOString() !== to)
        problems.push(`${g}: ends`);
      got.forEach(({ start, end }, i) => {
        const [s, e] = [start.getTime(), end.getTime()];
        const where = `${g} ${start.toISOString()}..${end.toISOString()}`;
        const period = periodOf(s, zone, g);
        if (!(s < e)) problems.push(`${where}: empty`);
        if (periodOf(Math.floor((s + e) / 2), zone, g) !== period || periodOf(e - 1, zone, g) !== period) {
          problems.push(`${where}: holds more than ${period}`);
        }
        if (i > 0 && s !== got[i - 1].end.getTime()) problems.push(`${where}: gap or overlap before it`);
        if (i > 0 && periodOf(s - 1, zone, g) === period) problems.push(`${where}: splits ${period}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
