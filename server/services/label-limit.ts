// Bounds the distinct labels of each model, so no tally, rollup document or confusion matrix can
// grow without limit because a client sends free text (or ids) as labels.
import { InputError } from '../core/errors.js';

export interface KnownLabels {
  /** Labels (predicted or actual) the model's rollups already hold. */
  labels(model: string): Promise<string[]>;
}

/** How long a process trusts its copy before reading the rollups again (other processes add labels too). */
const RELOAD_MS = 5 * 60 * 1000;

export class LabelLimit {
  private readonly known = new Map<string, { labels: Set<string>; loadedAt: number }>();

  constructor(
    private readonly source: KnownLabels,
    readonly max: number,
  ) {}

  /** Loads the models a batch names; afterwards `admit` answers without IO. */
  async prepare(models: Iterable<string>, now = Date.now()): Promise<void> {
    for (const model of new Set(models)) {
      const cached = this.known.get(model);
      if (cached && now - cached.loadedAt < RELOAD_MS) continue;
      const labels = new Set([...(cached?.labels ?? []), ...(await this.source.labels(model))]);
      this.known.set(model, { labels, loadedAt: now });
    }
  }

  /**
   * Admits the labels of one item (all or none), or throws naming the field that would be the
   * model's label number max + 1. `prepare` must have loaded the model.
   */
  admit(model: string, fields: { field: string; label: string | null }[]): void {
    const known = this.known.get(model)?.labels;
    if (!known) throw new Error(`labels of model "${model}" not loaded`);
    const fresh = fields.filter((f): f is { field: string; label: string } => f.label !== null && !known.has(f.label));
    const distinct = new Set(fresh.map((f) => f.label));
    if (known.size + distinct.size > this.max) {
      throw new InputError(
        fresh[0].field,
        `model "${model}" already has ${known.size} distinct labels; at most ${this.max} (CLARA_MAX_LABELS)`,
      );
    }
    for (const label of distinct) known.add(label);
  }
}
