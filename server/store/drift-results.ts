// Verdicts of the check-drift job (collection drift_results): one document per model, window and
// rule, under an _id computed from those, so a re-run replaces rather than adds.
import type { Collection, Db } from 'mongodb';
import type { Granularity, Window } from '../core/buckets.js';
import type { RuleOutcome } from '../core/drift-rules/evaluate.js';
import type { DriftRule, RuleReference, Severity } from '../core/drift-rules/rules.js';
import { bulkWriteInChunks } from './server-traits.js';
import { COLLECTIONS } from './collections.js';

export interface DriftResultDoc {
  _id: string;
  model: string;
  granularity: Granularity;
  timeZone: string;
  windowStart: Date;
  windowEnd: Date;
  rule: DriftRule;
  statistic: string;
  value: number | null;
  threshold: number;
  pValue: number | null;
  alpha: number | null;
  reference: RuleReference;
  verdict: boolean;
  severity: Severity | null;
  samples: { current: number; reference: number };
  details: Record<string, number | string | null>;
  /** When the verdict or a figure last changed. */
  updatedAt: Date;
}

/** Granularity, start and rule hold no ':' and come first, so any model name can follow. */
export const driftResultId = (model: string, granularity: Granularity, windowStart: Date, rule: DriftRule) =>
  `${granularity}:${windowStart.getTime()}:${rule}:${model}`;

export function driftResultDoc(
  model: string,
  granularity: Granularity,
  timeZone: string,
  window: Window,
  o: RuleOutcome,
  now: Date,
): DriftResultDoc {
  return {
    _id: driftResultId(model, granularity, window.start, o.rule),
    model,
    granularity,
    timeZone,
    windowStart: window.start,
    windowEnd: window.end,
    rule: o.rule,
    statistic: o.statistic,
    value: o.value,
    threshold: o.threshold,
    pValue: o.pValue,
    alpha: o.alpha,
    reference: o.reference,
    verdict: o.fired,
    severity: o.severity,
    samples: o.samples,
    details: o.details,
    updatedAt: now,
  };
}

const content = ({ updatedAt: _at, ...rest }: DriftResultDoc) => JSON.stringify(rest);

export class DriftResultStore {
  private readonly docs: Collection<DriftResultDoc>;

  constructor(db: Db) {
    this.docs = db.collection<DriftResultDoc>(COLLECTIONS.driftResults);
  }

  /** Writes the documents whose content changed (a re-check mostly changes nothing); returns how many. */
  async save(docs: DriftResultDoc[]): Promise<number> {
    const existing = new Map<string, string>();
    for await (const doc of this.docs.find({ _id: { $in: docs.map((d) => d._id) } }))
      existing.set(doc._id, content(doc));
    const changed = docs.filter((d) => existing.get(d._id) !== content(d));
    await bulkWriteInChunks(
      this.docs,
      changed.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
      { ordered: false },
    );
    return changed.length;
  }

  /** Stored results of one rule for these exact windows, by window start (ms). */
  async verdicts(
    model: string,
    granularity: Granularity,
    rule: DriftRule,
    windows: readonly Window[],
  ): Promise<Map<number, boolean>> {
    const found = new Map<number, boolean>();
    const ids = windows.map((w) => driftResultId(model, granularity, w.start, rule));
    const ends = new Map(windows.map((w) => [w.start.getTime(), w.end.getTime()]));
    for await (const doc of this.docs.find({ _id: { $in: ids } })) {
      if (ends.get(doc.windowStart.getTime()) === doc.windowEnd.getTime())
        found.set(doc.windowStart.getTime(), doc.verdict);
    }
    return found;
  }
}
