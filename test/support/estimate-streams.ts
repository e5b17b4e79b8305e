// Seeded streams with known truth for the performance estimate: each prediction has a latent
// difficulty x; the model is right with probability q = sigmoid(1.8 + 1.2x) and reports an
// over-confident confidence 0.5 + 0.5·√q (monotone in q, so calibration can undo it). A covariate
// shift moves x's mean (harder inputs): accuracy falls while P(right | confidence) stays the same,
// the assumption confidence-based estimation rests on. Labels exist only in the reference days.
import { Random } from '../../server/core/demo/random.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import type { ClassScore } from '../../server/core/scores.js';
import { ORIGIN } from './drift-streams.js';

export const LABELS = ['cat', 'dog', 'bird', 'fish'] as const;
const SHARES = [0.4, 0.3, 0.2, 0.1];
export const DAY_MS = 86_400_000;

export interface EstimateDay {
  start: Date;
  end: Date;
  rows: PredictionRow[];
  /** The true class of each row, labels withheld or not. */
  truths: string[];
  /** Share of the day's predictions that were right (the truth the estimate is judged by). */
  accuracy: number;
}

export interface EstimatePlan {
  predictions: number;
  /** Share of predictions validated (labels withheld: 0). */
  validated: number;
  /** Mean of the latent difficulty: 0 in the reference, negative after a covariate shift. */
  shift: number;
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Scores: the predicted class gets the confidence; the rest is shared, the true class weighted up when wrong. */
function scoresOf(random: Random, predicted: string, truth: string, confidence: number): ClassScore[] {
  const weights = LABELS.map((l) => (l === predicted ? 0 : random.next() + (l === truth ? 2 : 0.2)));
  const total = weights.reduce((a, b) => a + b, 0);
  return LABELS.map((label, i) => ({
    label,
    score: label === predicted ? confidence : ((1 - confidence) * weights[i]) / total,
  }));
}

export function estimateDays(seed: number, days: number, planOf: (day: number) => EstimatePlan): EstimateDay[] {
  const random = new Random(seed);
  return Array.from({ length: days }, (_, d) => {
    const plan = planOf(d);
    const start = ORIGIN + d * DAY_MS;
    const rows: PredictionRow[] = [];
    const truths: string[] = [];
    let right = 0;
    for (let i = 0; i < plan.predictions; i++) {
      const q = sigmoid(1.8 + 1.2 * (plan.shift + random.normal()));
      const confidence = 0.5 + 0.5 * Math.sqrt(q);
      const truth = LABELS[random.weighted(SHARES)];
      const correct = random.chance(q);
      const others = LABELS.filter((l) => l !== truth);
      const predicted = correct ? truth : others[random.weighted(others.map((l) => SHARES[LABELS.indexOf(l)]))];
      const validated = random.chance(plan.validated);
      if (correct) right++;
      truths.push(truth);
      rows.push({
        model: 'sim',
        id: `${d}-${i}`,
        predictedAt: new Date(start + Math.floor(random.next() * DAY_MS)),
        predicted,
        confidence,
        scores: scoresOf(random, predicted, truth, confidence),
        actual: validated ? truth : null,
        validatedAt: validated ? new Date(start + DAY_MS) : null,
      });
    }
    return { start: new Date(start), end: new Date(start + DAY_MS), rows, truths, accuracy: right / plan.predictions };
  });
}

/** Macro precision, recall and F1 of a day, from the generator's truth. */
export function trueMacro({ rows, truths }: EstimateDay): { precision: number; recall: number; f1: number } {
  const stats = LABELS.map((label) => {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (const [i, r] of rows.entries()) {
      const truth = truths[i];
      if (r.predicted === label) predicted++;
      if (truth === label) actual++;
      if (r.predicted === label && truth === label) tp++;
    }
    return { tp, predicted, actual };
  });
  const mean = (f: (s: (typeof stats)[number]) => number) => stats.reduce((sum, s) => sum + f(s), 0) / stats.length;
  return {
    precision: mean((s) => (s.predicted ? s.tp / s.predicted : 0)),
    recall: mean((s) => (s.actual ? s.tp / s.actual : 0)),
    f1: mean((s) => (s.predicted + s.actual ? (2 * s.tp) / (s.predicted + s.actual) : 0)),
  };
}
