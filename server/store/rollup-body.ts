// The counts of a rollup document, kept in one string field. Where every filter is a scan (FerretDB
// on SQLite), reading and writing a document costs about as much per field and array element as a
// small document does whole: a quarter's tally as arrays of {bin, count} objects was ~15x slower to
// scan and ~20x slower to insert than the same counts as one string (measured on FerretDB 1.24).
// Nothing ever filters on these counts, so nothing is lost on MongoDB.

export interface TallyLists {
  predicted: { label: string; count: number }[];
  cells: { actual: string; predicted: string; count: number }[];
  confidence: { bin: number; count: number }[];
  reliability: { bin: number; validated: number; correct: number; confidenceMicros: number }[];
  scoredBins: { predicted: string; bin: number; count: number }[];
  scoreSums: { predicted: string; label: string; micros: number }[];
}

export const emptyLists = (): TallyLists => ({
  predicted: [],
  cells: [],
  confidence: [],
  reliability: [],
  scoredBins: [],
  scoreSums: [],
});

/** Flat arrays, one record after another: [label, count, label, count, …]. */
export interface Body {
  p: (string | number)[];
  c: (string | number)[];
  h: number[];
  r: number[];
  b: (string | number)[];
  s: (string | number)[];
}

export function encodeBody(l: TallyLists): string {
  return JSON.stringify(toBody(l));
}

export function toBody(l: TallyLists): Body {
  return {
    p: l.predicted.flatMap((x) => [x.label, x.count]),
    c: l.cells.flatMap((x) => [x.actual, x.predicted, x.count]),
    h: l.confidence.flatMap((x) => [x.bin, x.count]),
    r: l.reliability.flatMap((x) => [x.bin, x.validated, x.correct, x.confidenceMicros]),
    b: l.scoredBins.flatMap((x) => [x.predicted, x.bin, x.count]),
    s: l.scoreSums.flatMap((x) => [x.predicted, x.label, x.micros]),
  };
}

/** Splits a flat array into records of `width` values. */
function records<T>(flat: unknown[], width: number, read: (at: (k: number) => unknown) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i + width <= flat.length; i += width) out.push(read((k) => flat[i + k]));
  return out;
}

const str = (v: unknown): string => String(v);
const num = (v: unknown): number => Number(v);

export function decodeBody(text: string): TallyLists {
  return fromBody(JSON.parse(text) as Partial<Body>);
}

export function fromBody(b: Partial<Body>): TallyLists {
  return {
    predicted: records(b.p ?? [], 2, (at) => ({ label: str(at(0)), count: num(at(1)) })),
    cells: records(b.c ?? [], 3, (at) => ({ actual: str(at(0)), predicted: str(at(1)), count: num(at(2)) })),
    confidence: records(b.h ?? [], 2, (at) => ({ bin: num(at(0)), count: num(at(1)) })),
    reliability: records(b.r ?? [], 4, (at) => ({
      bin: num(at(0)),
      validated: num(at(1)),
      correct: num(at(2)),
      confidenceMicros: num(at(3)),
    })),
    scoredBins: records(b.b ?? [], 3, (at) => ({ predicted: str(at(0)), bin: num(at(1)), count: num(at(2)) })),
    scoreSums: records(b.s ?? [], 3, (at) => ({ predicted: str(at(0)), label: str(at(1)), micros: num(at(2)) })),
  };
}
