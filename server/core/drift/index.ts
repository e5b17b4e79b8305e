// Public API of the pure drift statistics.
export { type CategoryCounts, type LabelCount, PROPORTION_EPSILON } from './categories.js';
export { populationStabilityIndex } from './psi.js';
export { jensenShannonDistance } from './jensen-shannon.js';
export { chiSquareGoodnessOfFit, chiSquareSf, type ChiSquareResult } from './chi-square.js';
export { categoricalDrift, type CategoricalDrift } from './categorical.js';
export { ksTwoSample, ksHistograms, type KsResult } from './ks.js';
export {
  twoProportionZTest,
  accuracyDrop,
  ACCURACY_DROP_DEFAULTS,
  type Proportion,
  type ProportionTest,
  type AccuracyDrop,
  type AccuracyDropOptions,
} from './proportion-test.js';
export {
  pageHinkleyStep,
  pageHinkleyScan,
  PAGE_HINKLEY_DEFAULTS,
  PAGE_HINKLEY_INITIAL_STATE,
  type PageHinkleyParams,
  type PageHinkleyState,
  type PageHinkleyStep,
  type PageHinkleyScan,
} from './page-hinkley.js';
export { normalCdf, normalSf } from './normal.js';
export { kolmogorovSf } from './kolmogorov.js';
