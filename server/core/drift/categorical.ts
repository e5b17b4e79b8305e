import { alignCounts, type CategoryCounts } from './categories.js';
import { chiSquareOfAligned, type ChiSquareResult } from './chi-square.js';
import { jensenShannonOfAligned } from './jensen-shannon.js';
import { psiOfAligned } from './psi.js';

export interface CategoricalDrift {
  readonly psi: number;
  readonly jensenShannon: number;
  readonly chiSquare: ChiSquareResult;
  /** Labels seen in either window, in the order used for alignment. */
  readonly labels: readonly string[];
}

/** All categorical drift statistics of current against reference, aligning the labels once. */
export function categoricalDrift(reference: CategoryCounts, current: CategoryCounts): CategoricalDrift {
  const aligned = alignCounts(reference, current);
  return {
    psi: psiOfAligned(aligned),
    jensenShannon: jensenShannonOfAligned(aligned),
    chiSquare: chiSquareOfAligned(aligned),
    labels: aligned.labels,
  };
}
