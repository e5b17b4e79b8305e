// Rows held compactly: typed arrays and one dictionary of names, about 40 bytes a row against a
// few hundred as objects. A refresh keeps in it every row it reads in its one scan of the
// collection, then tallies any quarter from memory instead of reading the collection again.
import { LEVEL_MS } from './grid.js';
import type { ClassScore, PredictionRow } from './prediction.js';
import { inSeries, parseSeries } from './series.js';
import { addRow, emptyTally, type Tally } from './tally.js';

/** What a tally needs of a row, and the series it counts in. */
export type CountedRow = Pick<
  PredictionRow,
  'model' | 'version' | 'predictedAt' | 'predicted' | 'confidence' | 'actual' | 'scores'
>;

const NONE = -1;
const BYTES_PER_ROW = 8 + 4 + 4 + 4 + 4 + 8 + 4 + 4;
const BYTES_PER_SCORE = 4 + 8;

type Column = Float64Array | Int32Array;

function grown<T extends Column>(column: T, size: number, make: (n: number) => T): T {
  if (size <= column.length) return column;
  const next = make(Math.max(size, column.length * 2));
  next.set(column);
  return next;
}

export class RowColumns {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private rows = 0;
  private scoreCount = 0;
  private at = new Float64Array(1024);
  private model = new Int32Array(1024);
  private version = new Int32Array(1024);
  private predicted = new Int32Array(1024);
  private actual = new Int32Array(1024);
  private confidence = new Float64Array(1024);
  /** Row i's scores are scoreLabel/scoreValue [scoreStart[i], scoreStart[i] + scoreLength[i]); NONE: null. */
  private scoreStart = new Int32Array(1024);
  private scoreLength = new Int32Array(1024);
  private scoreLabel = new Int32Array(1024);
  private scoreValue = new Float64Array(1024);
  /** Row numbers sorted by model and quarter, and where each (model, quarter) run starts and ends. */
  private index: { order: Int32Array; runs: Map<string, [number, number]> } | null = null;

  get size(): number {
    return this.rows;
  }

  /** Memory the columns take, in bytes (their used part). */
  get bytes(): number {
    return this.rows * BYTES_PER_ROW + this.scoreCount * BYTES_PER_SCORE;
  }

  add(row: CountedRow): void {
    const i = this.rows++;
    this.reserve(this.rows);
    this.at[i] = row.predictedAt.getTime();
    this.model[i] = this.idOf(row.model);
    this.version[i] = row.version ? this.idOf(row.version) : NONE;
    this.predicted[i] = this.idOf(row.predicted);
    this.actual[i] = row.actual === null ? NONE : this.idOf(row.actual);
    this.confidence[i] = row.confidence ?? NaN;
    this.scoreStart[i] = this.scoreCount;
    this.scoreLength[i] = row.scores ? row.scores.length : NONE;
    for (const s of row.scores ?? []) {
      const k = this.scoreCount++;
      this.scoreLabel = grown(this.scoreLabel, this.scoreCount, (n) => new Int32Array(n));
      this.scoreValue = grown(this.scoreValue, this.scoreCount, (n) => new Float64Array(n));
      this.scoreLabel[k] = this.idOf(s.label);
      this.scoreValue[k] = s.score;
    }
    this.index = null;
  }

  /** Row `i` as it was added. */
  row(i: number): CountedRow {
    const version = this.version[i];
    const actual = this.actual[i];
    const confidence = this.confidence[i];
    return {
      model: this.names[this.model[i]],
      version: version === NONE ? null : this.names[version],
      predictedAt: new Date(this.at[i]),
      predicted: this.names[this.predicted[i]],
      actual: actual === NONE ? null : this.names[actual],
      confidence: Number.isNaN(confidence) ? null : confidence,
      scores: this.scoresOf(i),
    };
  }

  /** The tally of the rows in a series' quarter starting at `start` (empty when none). */
  quarterTally(series: string, start: Date): Tally {
    const tally = emptyTally();
    const name = parseSeries(series);
    const model = this.ids.get(name.model);
    if (model === undefined) return tally;
    const { order, runs } = this.runs();
    const run = runs.get(runKey(model, quarterOf(start.getTime())));
    if (!run) return tally;
    for (let k = run[0]; k < run[1]; k++) {
      const row = this.row(order[k]);
      if (inSeries(name, row)) addRow(tally, row);
    }
    return tally;
  }

  private scoresOf(i: number): ClassScore[] | null {
    const length = this.scoreLength[i];
    if (length === NONE) return null;
    const from = this.scoreStart[i];
    return Array.from({ length }, (_, k) => ({
      label: this.names[this.scoreLabel[from + k]],
      score: this.scoreValue[from + k],
    }));
  }

  private runs(): { order: Int32Array; runs: Map<string, [number, number]> } {
    if (this.index) return this.index;
    const quarters = Float64Array.from({ length: this.rows }, (_, i) => quarterOf(this.at[i]));
    const order = Int32Array.from({ length: this.rows }, (_, i) => i).sort(
      (a, b) => this.model[a] - this.model[b] || quarters[a] - quarters[b],
    );
    const runs = new Map<string, [number, number]>();
    for (let k = 0; k < order.length;) {
      const i = order[k];
      let end = k + 1;
      while (end < order.length && this.model[order[end]] === this.model[i] && quarters[order[end]] === quarters[i])
        end++;
      runs.set(runKey(this.model[i], quarters[i]), [k, end]);
      k = end;
    }
    return (this.index = { order, runs });
  }

  private idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  private reserve(size: number): void {
    const f64 = (n: number) => new Float64Array(n);
    const i32 = (n: number) => new Int32Array(n);
    this.at = grown(this.at, size, f64);
    this.model = grown(this.model, size, i32);
    this.version = grown(this.version, size, i32);
    this.predicted = grown(this.predicted, size, i32);
    this.actual = grown(this.actual, size, i32);
    this.confidence = grown(this.confidence, size, f64);
    this.scoreStart = grown(this.scoreStart, size, i32);
    this.scoreLength = grown(this.scoreLength, size, i32);
  }
}

/** A quarter's number on the UTC grid (grid.ts levelStart divided by its length). */
const quarterOf = (ms: number) => Math.floor(ms / LEVEL_MS.QUARTER);
const runKey = (model: number, quarter: number) => `${model}:${quarter}`;
