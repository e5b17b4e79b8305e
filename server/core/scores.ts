// Class scores: the model's probability for each class of one prediction. Optional; when given
// they must be a distribution whose highest entry is the predicted label, or the expected
// confusion matrix built from them would contradict the prediction itself.
import { InputError } from './errors.js';
import { checkLabel, type ClassScore } from './prediction.js';

export type { ClassScore };

/** Bounds a stored row: a score per class, and no model we monitor has more classes than this. */
export const MAX_SCORES = 256;
/** Scores are floats a model rounded; their sum may miss 1 by this much. */
export const SCORE_SUM_TOLERANCE = 1e-3;

/** Validates scores for the prediction `predicted`; null or undefined means none were given. */
export function checkScores(
  field: string,
  scores: readonly ClassScore[] | null | undefined,
  predicted: string,
): ClassScore[] | null {
  if (scores === null || scores === undefined) return null;
  if (scores.length === 0) throw new InputError(field, 'must name at least one class (or be omitted)');
  if (scores.length > MAX_SCORES) throw new InputError(field, `at most ${MAX_SCORES} classes, got ${scores.length}`);
  const seen = new Set<string>();
  let sum = 0;
  let highest = -Infinity;
  scores.forEach((s, i) => {
    checkLabel(`${field}[${i}].label`, s.label);
    if (seen.has(s.label)) throw new InputError(`${field}[${i}].label`, `"${s.label}" appears twice`);
    seen.add(s.label);
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > 1)
      throw new InputError(`${field}[${i}].score`, `must be a number in [0, 1], got ${s.score}`);
    sum += s.score;
    highest = Math.max(highest, s.score);
  });
  if (Math.abs(sum - 1) > SCORE_SUM_TOLERANCE)
    throw new InputError(field, `scores must sum to 1 (within ${SCORE_SUM_TOLERANCE}), got ${sum}`);
  const own = scores.find((s) => s.label === predicted);
  if (!own) throw new InputError(field, `has no score for the predicted label "${predicted}"`);
  if (own.score < highest - SCORE_SUM_TOLERANCE)
    throw new InputError(
      field,
      `the predicted label "${predicted}" (${own.score}) must have the highest score (${highest})`,
    );
  return scores.map((s) => ({ label: s.label, score: s.score }));
}

/** Stored scores of a row a user's application wrote: anything malformed reads as "no scores". */
export function readScores(value: unknown): ClassScore[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SCORES) return null;
  const scores: ClassScore[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { label, score } = item as { label?: unknown; score?: unknown };
    if (typeof label !== 'string' || typeof score !== 'number' || !(score >= 0 && score <= 1)) return null;
    scores.push({ label, score });
  }
  return scores;
}
