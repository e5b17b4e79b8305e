// How a block's tally is laid out in documents: the totals as fields, the counts by label and bin
// in one string (rollup-body.ts; labels are never document keys). Documents written before that
// keep the counts in arrays of objects, which readers still accept. A tally with very many (or very
// long) labels is split into parts that each stay far below MongoDB's 16 MiB document limit; the
// parts of one revision partition the counts, so a reader merges them back by adding.
import { emptyTally, mergeAll, type Tally } from '../core/tally.js';
import { decodeBody, emptyLists, encodeBody, fromBody, toBody, type Body, type TallyLists } from './rollup-body.js';

export interface RollupDoc {
  /** blockKey#v, then #part for parts after the first */
  _id: string;
  model: string;
  start: Date;
  /** Changes on every recompute, so a reader can tell a block was rewritten since it last looked. */
  v: number;
  part: number;
  predictions: number;
  validated: number;
  firstAt: Date | null;
  lastAt: Date | null;
  /** The counts (rollup-body.ts). */
  body?: string;
  /** The counts in documents written before `body`; reliability and scores only after estimation came. */
  predicted?: TallyLists['predicted'];
  cells?: TallyLists['cells'];
  confidence?: TallyLists['confidence'];
  reliability?: TallyLists['reliability'];
  scoredBins?: TallyLists['scoredBins'];
  scoreSums?: TallyLists['scoreSums'];
  /** Quarters only, first part: the watermark of its last recompute from raw rows (services/rollups.ts). */
  rawAt?: string | null;
  /** Quarters only, first part: journal entries of the last pass whose tallies this revision holds. */
  applied?: string[];
}

/**
 * A tally as held in memory where thousands are kept (the read cache, a drain pass's sums): its
 * totals and its counts as the stored body string, about 1 KB for an hour of 113 rows against about
 * 6 KB as a Tally of Maps. Unpacked only when used.
 */
export interface PackedTally {
  predictions: number;
  validated: number;
  firstAt: Date | null;
  lastAt: Date | null;
  body: string;
}

/** A stored quarter (packed) with what the drainer needs to add a batch's tallies to it safely. */
export interface StampedTally {
  packed: PackedTally;
  rawAt: string | null;
  applied: string[];
}

/** A part's budget: a quarter of the BSON limit leaves room for our estimate's slack. */
export const PART_BYTES = 4 * 1024 * 1024;
/** BSON bytes of an array element besides its strings: keys, lengths, numbers, index. */
const ENTRY_OVERHEAD = 64;

const bytes = (...labels: string[]) => labels.reduce((sum, l) => sum + Buffer.byteLength(l), ENTRY_OVERHEAD);

/** The start comes first and is all digits, so the separator cannot be confused with a model name. */
export const blockKey = (model: string, start: Date) => `${start.getTime()}:${model}`;

interface Part {
  doc: RollupDoc;
  lists: TallyLists;
}

export function toDocs(model: string, start: Date, t: Tally, rev: number, partBytes = PART_BYTES): RollupDoc[] {
  const key = blockKey(model, start);
  const part = (index: number): Part => ({
    doc: {
      _id: index === 0 ? `${key}#${rev}` : `${key}#${rev}#${index}`,
      model,
      start,
      v: rev,
      part: index,
      predictions: index === 0 ? t.predictions : 0,
      validated: index === 0 ? t.validated : 0,
      firstAt: index === 0 ? t.firstAt : null,
      lastAt: index === 0 ? t.lastAt : null,
    },
    lists: emptyLists(),
  });
  const parts = [part(0)];
  let used = 0;
  const room = (size: number): TallyLists => {
    if (used + size > partBytes && used > 0) {
      parts.push(part(parts.length));
      used = 0;
    }
    used += size;
    return parts[parts.length - 1].lists;
  };
  fillLists(t, room);
  return parts.map(({ doc, lists }) => ({ ...doc, body: encodeBody(lists) }));
}

export function packTally(t: Tally): PackedTally {
  const lists = emptyLists();
  fillLists(t, () => lists);
  const { predictions, validated, firstAt, lastAt } = t;
  return { predictions, validated, firstAt, lastAt, body: encodeBody(lists) };
}

export const unpackTally = (p: PackedTally): Tally => fromLists(p, decodeBody(p.body));

export const isPacked = (t: Tally | PackedTally): t is PackedTally => 'body' in t;

/** Either form, packed. */
export const packed = (t: Tally | PackedTally): PackedTally => (isPacked(t) ? t : packTally(t));

/** The documents of a block's revision, from either form (a small packed tally is one document as it is). */
export function docsOf(model: string, start: Date, t: Tally | PackedTally, rev: number): RollupDoc[] {
  if (!isPacked(t)) return toDocs(model, start, t, rev);
  if (Buffer.byteLength(t.body) > PART_BYTES) return toDocs(model, start, unpackTally(t), rev);
  const { predictions, validated, firstAt, lastAt, body } = t;
  return [
    {
      _id: `${blockKey(model, start)}#${rev}`,
      model,
      start,
      v: rev,
      part: 0,
      predictions,
      validated,
      firstAt,
      lastAt,
      body,
    },
  ];
}

/** A block's stored parts, packed: a one-part document already is. */
function packDocs(parts: RollupDoc[]): PackedTally {
  const [first] = parts;
  if (parts.length > 1 || first.body === undefined) return packTally(fromDocs(parts));
  const { predictions, validated, firstAt, lastAt, body } = first;
  return { predictions, validated, firstAt, lastAt, body };
}

/** Lays the tally's counts out in lists; `room` says which lists an entry of this many bytes goes to. */
function fillLists(t: Tally, room: (size: number) => TallyLists): void {
  for (const [label, count] of t.predicted) room(bytes(label)).predicted.push({ label, count });
  for (const [actual, byPredicted] of t.cells) {
    for (const [predicted, count] of byPredicted)
      room(bytes(actual, predicted)).cells.push({ actual, predicted, count });
  }
  for (const [bin, count] of t.confidence) room(bytes()).confidence.push({ bin, count });
  for (const [bin, r] of t.reliability) room(bytes()).reliability.push({ bin, ...r });
  for (const [predicted, bins] of t.scoredBins)
    for (const [bin, count] of bins) room(bytes(predicted)).scoredBins.push({ predicted, bin, count });
  for (const [predicted, sums] of t.scoreSums)
    for (const [label, micros] of sums) room(bytes(predicted, label)).scoreSums.push({ predicted, label, micros });
}

/** A document's counts, whichever layout it was written in. */
export function docLists(doc: RollupDoc): TallyLists {
  if (doc.body !== undefined) return decodeBody(doc.body);
  return {
    predicted: doc.predicted ?? [],
    cells: doc.cells ?? [],
    confidence: doc.confidence ?? [],
    reliability: doc.reliability ?? [],
    scoredBins: doc.scoredBins ?? [],
    scoreSums: doc.scoreSums ?? [],
  };
}

function fromDoc(doc: RollupDoc): Tally {
  return fromLists(doc, docLists(doc));
}

type Totals = Pick<Tally, 'predictions' | 'validated' | 'firstAt' | 'lastAt'>;

function fromLists(totals: Totals, l: TallyLists): Tally {
  const t = emptyTally();
  t.predictions = totals.predictions;
  t.validated = totals.validated;
  t.firstAt = totals.firstAt;
  t.lastAt = totals.lastAt;
  for (const { label, count } of l.predicted) t.predicted.set(label, count);
  for (const { bin, count } of l.confidence) t.confidence.set(bin, count);
  for (const { actual, predicted, count } of l.cells) nested(t.cells, actual).set(predicted, count);
  for (const { bin, validated, correct, confidenceMicros } of l.reliability)
    t.reliability.set(bin, { validated, correct, confidenceMicros });
  for (const { predicted, bin, count } of l.scoredBins) nested(t.scoredBins, predicted).set(bin, count);
  for (const { predicted, label, micros } of l.scoreSums) nested(t.scoreSums, predicted).set(label, micros);
  return t;
}

/** A whole tally as plain JSON values, for documents that carry tallies among other things (the journal). */
export interface CompactTally {
  n: number;
  v: number;
  f: number | null;
  l: number | null;
  b: Body;
}

export function compactTally(t: Tally): CompactTally {
  const lists = emptyLists();
  fillLists(t, () => lists);
  return {
    n: t.predictions,
    v: t.validated,
    f: t.firstAt?.getTime() ?? null,
    l: t.lastAt?.getTime() ?? null,
    b: toBody(lists),
  };
}

export function expandTally(c: CompactTally): Tally {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return fromLists({ predictions: c.n, validated: c.v, firstAt: at(c.f), lastAt: at(c.l) }, fromBody(c.b));
}

function nested<K, L>(map: Map<K, Map<L, number>>, key: K): Map<L, number> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map<L, number>()));
  return inner;
}

/** The parts of one revision of a block, merged. */
export function fromDocs(parts: RollupDoc[]): Tally {
  return parts.length === 1 ? fromDoc(parts[0]) : mergeAll(parts.map(fromDoc));
}

/** Collects, per block, the parts of its newest revision. */
export class NewestRevisions {
  private readonly blocks = new Map<string, RollupDoc[]>();

  add(doc: RollupDoc): void {
    const key = blockKey(doc.model, doc.start);
    const seen = this.blocks.get(key);
    if (!seen || seen[0].v < doc.v) this.blocks.set(key, [doc]);
    else if (seen[0].v === doc.v) seen.push(doc);
  }

  /** The documents of every block's newest revision. */
  docs(): RollupDoc[] {
    return [...this.blocks.values()].flat();
  }

  /** Block key → merged tally. */
  tallies(): Map<string, Tally> {
    return new Map([...this.blocks].map(([key, parts]) => [key, fromDocs(parts)]));
  }

  /** Block key → packed tally, with the stamps its first part carries. */
  stamped(): Map<string, StampedTally> {
    return new Map(
      [...this.blocks].map(([key, parts]) => [
        key,
        { packed: packDocs(parts), rawAt: parts[0].rawAt ?? null, applied: parts[0].applied ?? [] },
      ]),
    );
  }

  /** Block start (ms) → packed tally, for blocks of one model. */
  packedByStart(): Map<number, PackedTally> {
    return new Map([...this.blocks.values()].map((parts) => [parts[0].start.getTime(), packDocs(parts)]));
  }

  /** One entry per block, in time order. */
  list(): { start: Date; v: number; tally: Tally }[] {
    return [...this.blocks.values()]
      .map((parts) => ({ start: parts[0].start, v: parts[0].v, tally: fromDocs(parts) }))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
