// The demo's imaginary model: a document classifier for an accounts-payable inbox. Pure data.

export interface DemoClass {
  label: string;
  /** Share of incoming documents that truly are of this class. */
  share: number;
  /** Probability the model gets a document of this class right. */
  recall: number;
  /** Where its mistakes go, with relative weights. */
  confusedWith: Readonly<Record<string, number>>;
}

export const DEMO_CLASSES: readonly DemoClass[] = [
  { label: 'invoice', share: 0.34, recall: 0.94, confusedWith: { receipt: 3, contract: 1, bank_statement: 1 } },
  { label: 'receipt', share: 0.23, recall: 0.91, confusedWith: { invoice: 4, letter: 1 } },
  { label: 'contract', share: 0.16, recall: 0.89, confusedWith: { letter: 3, invoice: 1 } },
  { label: 'id_document', share: 0.11, recall: 0.97, confusedWith: { letter: 1, contract: 1 } },
  { label: 'bank_statement', share: 0.1, recall: 0.9, confusedWith: { invoice: 2, receipt: 1 } },
  { label: 'letter', share: 0.06, recall: 0.8, confusedWith: { contract: 2, invoice: 1, receipt: 1 } },
];

/**
 * Five days ago a bank changed its statement layout: bank_statement recall falls over a few days
 * and its mistakes go mostly to invoice, so the predicted-class mix shifts a little. Recent enough
 * that the windows check-drift re-checks (the last 7 days by default) hold the onset with healthy
 * days before it, so the first check after seeding opens an alert; an onset further back would sit
 * in the baseline windows, where the drop is no longer a change.
 */
export const DEGRADATION = {
  label: 'bank_statement',
  recall: 0.55,
  confusedWith: { invoice: 6, receipt: 1 } as Readonly<Record<string, number>>,
  lastDays: 5,
  rampDays: 3,
};

/** Relative traffic per UTC hour on a weekday: office hours, a lunch dip, a quiet night. */
export const HOURLY_WEIGHTS: readonly number[] = [
  0.25, 0.2, 0.18, 0.18, 0.22, 0.35, 0.6, 0.95, 1.3, 1.5, 1.55, 1.5, 1.3, 1.45, 1.5, 1.45, 1.3, 1.1, 0.9, 0.75, 0.6,
  0.5, 0.4, 0.3,
];

/** Relative traffic per day of the week, Sunday first (Date.getUTCDay order). */
export const WEEKDAY_WEIGHTS: readonly number[] = [0.4, 1, 1.05, 1.05, 1, 0.95, 0.45];

/** Traffic grows by this fraction from the first to the last day. */
export const GROWTH = 0.15;

/** Share of predictions that eventually get a ground-truth label. */
export const VALIDATED_SHARE = 0.85;

/** Validation delay: log-normal, median 20 h (most within hours to a few days), at least 10 minutes. */
export const VALIDATION_DELAY = { medianHours: 20, sigma: 1, minMinutes: 10, maxDays: 21 };

/** Confidence of the predicted class: high when the model is right, middling when it is wrong. */
export const CONFIDENCE = {
  correct: { mean: 0.87, sd: 0.07, min: 0.4 },
  wrong: { mean: 0.6, sd: 0.12, min: 0.2 },
  max: 0.999,
};

/** Size of the (imaginary) training set whose class counts the demo sets. */
export const TRAINING_SIZE = 60_000;
