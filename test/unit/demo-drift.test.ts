// The demo's degradation is what the Drift tab shows on a first start: the first check-drift run
// after seeding, with the default settings, must open an alert. Replayed on the pure core with the
// full-size demo (the integration test seeds a small one).
import { expect, test } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { demoDataset } from '../../server/core/demo/generator.js';
import { checkModel, EMPTY_MODEL_STATE } from '../../server/core/drift-rules/check.js';
import type { ValidatedRow } from '../../server/core/drift-rules/page-hinkley-replay.js';
import { closedWindows } from '../../server/core/drift-rules/windows.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import { tallyRows } from '../../server/core/tally.js';

const { drift, alerts, timeZone } = parseConfig({});

/** What check-drift's first run decides for the demo seeded at `now`. */
function firstCheck(now: Date) {
  const demo = demoDataset({ now });
  const rows = [...demo.rows()];
  const windows = closedWindows(now, drift.baselineWindows + drift.recheckWindows, drift.granularity, timeZone);
  const inside = (w: { start: Date; end: Date }) =>
    rows.filter((r) => r.predictedAt >= w.start && r.predictedAt < w.end);
  const validated = (items: PredictionRow[]): ValidatedRow[] =>
    items.flatMap((r) =>
      r.actual === null ? [] : [{ at: r.predictedAt.getTime(), id: r.id, error: r.actual === r.predicted ? 0 : 1 }],
    );
  const result = checkModel({
    model: demo.model,
    now,
    windows: windows.map((w) => ({ ...w, tally: tallyRows(inside(w)) })),
    validatedRows: windows.slice(drift.baselineWindows).map((w) => validated(inside(w))),
    training: demo.training,
    state: EMPTY_MODEL_STATE,
    settings: {
      granularity: drift.granularity,
      timeZone,
      reference: drift.reference,
      baselineWindows: drift.baselineWindows,
      resolveAfter: alerts.resolveAfter,
      rules: drift.rules,
    },
  });
  return { demo, open: result.changes.map((c) => c.alert).filter((a) => a.resolvedAt === null) };
}

// A weekday morning and a Sunday night: the onset falls at another hour and weekday each time.
test.each(['2026-03-16T08:30:00Z', '2026-03-22T23:10:00Z'])(
  'seeded at %s, the first check opens a recall alert for the degrading class',
  (at) => {
    const { demo, open } = firstCheck(new Date(at));
    const recall = open.find((a) => a.rule === 'class-recall-drop');
    expect(recall).toBeDefined();
    const evidence = JSON.parse(recall!.evidence) as { details: { label: string } };
    expect(evidence.details.label).toBe(demo.degradedLabel);
    // It opened on a window after the onset, not on noise before it.
    expect(recall!.firstWindow.end.getTime()).toBeGreaterThan(demo.degradedFrom.getTime());
  },
);
