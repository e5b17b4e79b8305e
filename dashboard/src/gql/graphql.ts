/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** OPEN: firing or not yet quiet long enough; ACKNOWLEDGED: someone took it (it still resolves by itself); RESOLVED: quiet for CLARA_ALERT_RESOLVE_AFTER windows. */
export type AlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

/** ACTUAL counts validated predictions by true class; PREDICTED counts all predictions by predicted class. */
export type ClassField =
  | 'ACTUAL'
  | 'PREDICTED';

/** What class distributions are compared with: the model's training distribution, or the merged windows just before each window (CLARA_DRIFT_BASELINE_WINDOWS, 4 by default). Confidence and accuracy are always compared with those baseline windows. */
export type DriftReference =
  | 'BASELINE'
  | 'TRAINING';

/** A drift or anomaly rule; each stands for the rule name in lower case with hyphens (PREDICTED_PSI is predicted-psi, as in CLARA_DRIFT_RULES). */
export type DriftRule =
  | 'ACCURACY_DROP'
  | 'ACTUAL_JS'
  | 'ACTUAL_PSI'
  | 'CLASS_RECALL_DROP'
  | 'CONFIDENCE_KS'
  | 'ESTIMATED_ACCURACY_DROP'
  | 'JOB_FAILURES'
  | 'PAGE_HINKLEY'
  | 'PREDICTED_JS'
  | 'PREDICTED_PSI'
  | 'PREDICTION_SILENCE'
  | 'VOLUME_ANOMALY';

/** Calendar buckets in the requested time zone; WEEK starts Monday. */
export type Granularity =
  | 'DAY'
  | 'HOUR'
  | 'MONTH'
  | 'WEEK';

/** A job: DISABLED, RUNNING now, else its last run's outcome (SCHEDULED before its first run). A run: RUNNING, SUCCEEDED or FAILED. */
export type JobStatus =
  | 'DISABLED'
  | 'FAILED'
  | 'RUNNING'
  | 'SCHEDULED'
  | 'SUCCEEDED';

/** What a rule's value was measured against: TRAINING the training distribution, BASELINE the windows just before, RUNNING_MEAN Page–Hinkley's error rate since its last reset, CALIBRATION the predictions the calibration was fitted on, SAME_TIME_PREVIOUS_WEEKS the usual volume, NONE a fixed limit (job failures). */
export type RuleReference =
  | 'BASELINE'
  | 'CALIBRATION'
  | 'NONE'
  | 'RUNNING_MEAN'
  | 'SAME_TIME_PREVIOUS_WEEKS'
  | 'TRAINING';

/** warning, or critical once a window reached CLARA_DRIFT_CRITICAL_FACTOR times the threshold. */
export type Severity =
  | 'critical'
  | 'warning';

/** A half-open range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

/** WhyLabs upload of a profile. NOT_CONFIGURED: no WhyLabs settings (or no dataset for its model), kept locally; PENDING: waiting or retrying; FAILED: WhyLabs refused it (see uploadError), not retried. */
export type UploadState =
  | 'FAILED'
  | 'NOT_CONFIGURED'
  | 'PENDING'
  | 'UPLOADED';

export type AlertsQueryVariables = Exact<{
  status?: AlertStatus | null | undefined;
  model?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type AlertsQuery = { alerts: Array<{ id: string, model: string, rule: string, kind: DriftRule, severity: Severity, status: AlertStatus, openedAt: string, lastSeenAt: string, acknowledgedAt: string | null, resolvedAt: string | null, firstWindowStart: string, windowStart: string, windowEnd: string, firedWindows: number, message: string, findings:
      | { __typename: 'AccuracyDropEvidence', accuracy: number | null, baselineAccuracy: number | null, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'ClassRecallDropEvidence', label: string | null, recall: number | null, baselineRecall: number | null, classesTested: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'DistributionEvidence', minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'EstimatedAccuracyDropEvidence', estimatedAccuracy: number | null, referenceEstimatedAccuracy: number | null, calibrationSamples: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'JobFailuresEvidence', failuresInARow: number, lastError: string | null, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'PageHinkleyEvidence', errors: number, errorRate: number | null, runningErrorRate: number | null, lambda: number, delta: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'PredictionSilenceEvidence', minutes: number, predictions: number, usual: number | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'VolumeAnomalyEvidence', predictions: number, usual: number | null, direction: string | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
     | null }> };

export type OpenAlertsQueryVariables = Exact<{
  model?: string | null | undefined;
}>;


export type OpenAlertsQuery = { alerts: Array<{ id: string }> };

export type AcknowledgeAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type AcknowledgeAlertMutation = { acknowledgeAlert: { id: string, model: string, rule: string, kind: DriftRule, severity: Severity, status: AlertStatus, openedAt: string, lastSeenAt: string, acknowledgedAt: string | null, resolvedAt: string | null, firstWindowStart: string, windowStart: string, windowEnd: string, firedWindows: number, message: string, findings:
      | { __typename: 'AccuracyDropEvidence', accuracy: number | null, baselineAccuracy: number | null, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'ClassRecallDropEvidence', label: string | null, recall: number | null, baselineRecall: number | null, classesTested: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'DistributionEvidence', minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'EstimatedAccuracyDropEvidence', estimatedAccuracy: number | null, referenceEstimatedAccuracy: number | null, calibrationSamples: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'JobFailuresEvidence', failuresInARow: number, lastError: string | null, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'PageHinkleyEvidence', errors: number, errorRate: number | null, runningErrorRate: number | null, lambda: number, delta: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'PredictionSilenceEvidence', minutes: number, predictions: number, usual: number | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
      | { __typename: 'VolumeAnomalyEvidence', predictions: number, usual: number | null, direction: string | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
     | null } };

export type AlertFieldsFragment = { id: string, model: string, rule: string, kind: DriftRule, severity: Severity, status: AlertStatus, openedAt: string, lastSeenAt: string, acknowledgedAt: string | null, resolvedAt: string | null, firstWindowStart: string, windowStart: string, windowEnd: string, firedWindows: number, message: string, findings:
    | { __typename: 'AccuracyDropEvidence', accuracy: number | null, baselineAccuracy: number | null, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'ClassRecallDropEvidence', label: string | null, recall: number | null, baselineRecall: number | null, classesTested: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'DistributionEvidence', minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'EstimatedAccuracyDropEvidence', estimatedAccuracy: number | null, referenceEstimatedAccuracy: number | null, calibrationSamples: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'JobFailuresEvidence', failuresInARow: number, lastError: string | null, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'PageHinkleyEvidence', errors: number, errorRate: number | null, runningErrorRate: number | null, lambda: number, delta: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'PredictionSilenceEvidence', minutes: number, predictions: number, usual: number | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
    | { __typename: 'VolumeAnomalyEvidence', predictions: number, usual: number | null, direction: string | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } }
   | null };

type AlertEvidenceFields_AccuracyDropEvidence_Fragment = { __typename: 'AccuracyDropEvidence', accuracy: number | null, baselineAccuracy: number | null, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_ClassRecallDropEvidence_Fragment = { __typename: 'ClassRecallDropEvidence', label: string | null, recall: number | null, baselineRecall: number | null, classesTested: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_DistributionEvidence_Fragment = { __typename: 'DistributionEvidence', minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_EstimatedAccuracyDropEvidence_Fragment = { __typename: 'EstimatedAccuracyDropEvidence', estimatedAccuracy: number | null, referenceEstimatedAccuracy: number | null, calibrationSamples: number, minSamples: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_JobFailuresEvidence_Fragment = { __typename: 'JobFailuresEvidence', failuresInARow: number, lastError: string | null, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_PageHinkleyEvidence_Fragment = { __typename: 'PageHinkleyEvidence', errors: number, errorRate: number | null, runningErrorRate: number | null, lambda: number, delta: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_PredictionSilenceEvidence_Fragment = { __typename: 'PredictionSilenceEvidence', minutes: number, predictions: number, usual: number | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

type AlertEvidenceFields_VolumeAnomalyEvidence_Fragment = { __typename: 'VolumeAnomalyEvidence', predictions: number, usual: number | null, direction: string | null, weeks: number, statistic: string, value: number | null, threshold: number, pValue: number | null, alpha: number | null, reference: RuleReference, baselineWindows: number | null, firedWindows: number, window: { start: string, end: string, granularity: string, timeZone: string }, samples: { current: number, reference: number }, firstWindow: { start: string, end: string } };

export type AlertEvidenceFieldsFragment =
  | AlertEvidenceFields_AccuracyDropEvidence_Fragment
  | AlertEvidenceFields_ClassRecallDropEvidence_Fragment
  | AlertEvidenceFields_DistributionEvidence_Fragment
  | AlertEvidenceFields_EstimatedAccuracyDropEvidence_Fragment
  | AlertEvidenceFields_JobFailuresEvidence_Fragment
  | AlertEvidenceFields_PageHinkleyEvidence_Fragment
  | AlertEvidenceFields_PredictionSilenceEvidence_Fragment
  | AlertEvidenceFields_VolumeAnomalyEvidence_Fragment
;

export type ClassMetricsQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
}>;


export type ClassMetricsQuery = { metricsByClass: Array<{ label: string, precision: number | null, precisionLow: number | null, precisionHigh: number | null, recall: number | null, recallLow: number | null, recallHigh: number | null, f1: number | null, support: number, predicted: number }>, metrics: { overall: { precision: number | null, recall: number | null, f1: number | null, weightedPrecision: number | null, weightedRecall: number | null, weightedF1: number | null, microPrecision: number | null, microRecall: number | null, microF1: number | null } } };

export type ConfusionMatrixQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
}>;


export type ConfusionMatrixQuery = { confusionMatrix: { labels: Array<string>, counts: Array<Array<number>> } };

export type SampleDistributionQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  by: ClassField;
}>;


export type SampleDistributionQuery = { sampleDistribution: Array<{ label: string, count: number, share: number }> };

export type TrainingComparisonQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
}>;


export type TrainingComparisonQuery = { trainingDistribution: Array<{ label: string, count: number, share: number }>, production: Array<{ label: string, count: number, share: number }> };

export type DriftQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  granularity: Granularity;
  reference: DriftReference;
  timeZone?: string | null | undefined;
}>;


export type DriftQuery = { driftSettings: { psiThreshold: number, jsThreshold: number, accuracyDropThreshold: number, pValue: number, baselineWindows: number }, drift: Array<{ start: string, end: string, psi: number | null, jsDistance: number | null, accuracy: number | null, baselineAccuracy: number | null, accuracyDelta: number | null, accuracyP: number | null, predictions: number, validated: number, rules: Array<string> }> };

export type DriftReferenceSettingQueryVariables = Exact<{ [key: string]: never; }>;


export type DriftReferenceSettingQuery = { driftSettings: { reference: DriftReference } };

export type PerformanceEstimateQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  granularity: Granularity;
  timeZone?: string | null | undefined;
}>;


export type PerformanceEstimateQuery = { performanceEstimate: { reference: { from: string, to: string, stored: boolean, samples: number, calibrationErrorBefore: number, calibrationErrorAfter: number } | null, series: Array<{ start: string, end: string, predictions: number, validated: number, estimated: { accuracy: number, accuracyLow: number, accuracyHigh: number } | null, realized: { accuracy: number | null } | null }> } };

export type JobsQueryVariables = Exact<{
  limit?: number | null | undefined;
}>;


export type JobsQuery = { jobs: Array<{ name: string, description: string, interval: string | null, status: JobStatus, lastRunAt: string | null, lastFinishedAt: string | null, nextRunAt: string | null, failCount: number, failReason: string | null }>, jobRuns: Array<{ id: string, job: string, status: JobStatus, startedAt: string, finishedAt: string | null, summary: string | null, error: string | null }> };

export type RunJobMutationVariables = Exact<{
  name: string;
}>;


export type RunJobMutation = { runJob: { id: string, job: string, status: JobStatus, summary: string | null, error: string | null } };

export type MetricSeriesQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  granularity: Granularity;
  timeZone?: string | null | undefined;
}>;


export type MetricSeriesQuery = { metrics: { timeZone: string, series: Array<{ start: string, end: string, values: { predictions: number, validated: number, accuracy: number | null, accuracyLow: number | null, accuracyHigh: number | null, precision: number | null, recall: number | null, f1: number | null } }> } };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ name: string, predictions: number, validated: number }> };

export type OverviewQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  previous: TimeRangeInput;
  timeZone?: string | null | undefined;
}>;


export type OverviewQuery = { current: { overall: { predictions: number, validated: number, accuracy: number | null, accuracyLow: number | null, accuracyHigh: number | null, precision: number | null, recall: number | null, f1: number | null } }, previous: { overall: { predictions: number, validated: number, accuracy: number | null, accuracyLow: number | null, accuracyHigh: number | null, precision: number | null, recall: number | null, f1: number | null } } };

export type OverallValuesFragment = { predictions: number, validated: number, accuracy: number | null, accuracyLow: number | null, accuracyHigh: number | null, precision: number | null, recall: number | null, f1: number | null };

export type ProfileUploadsQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
}>;


export type ProfileUploadsQuery = { profiles: Array<{ id: string, upload: UploadState, uploadedAt: string | null, uploadError: string | null }> };

export type ModelVersionsQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
}>;


export type ModelVersionsQuery = { models: Array<{ name: string, versions: Array<{ name: string, predictions: number, validated: number, lastPredictedAt: string | null }> }>, current: { model: string } };

export type VersionComparisonQueryVariables = Exact<{
  model?: string | null | undefined;
  range: TimeRangeInput;
  granularity: Granularity;
  timeZone?: string | null | undefined;
  a: string;
  b: string;
}>;


export type VersionComparisonQuery = { a: { version: string | null, timeZone: string, overall: { predictions: number, validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null }, series: Array<{ start: string, values: { validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null } }> }, b: { version: string | null, timeZone: string, overall: { predictions: number, validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null }, series: Array<{ start: string, values: { validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null } }> } };

export type VersionReportFragment = { version: string | null, timeZone: string, overall: { predictions: number, validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null }, series: Array<{ start: string, values: { validated: number, accuracy: number | null, precision: number | null, recall: number | null, f1: number | null } }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertEvidenceFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertEvidenceFields on AlertEvidence {
  __typename
  statistic
  value
  threshold
  pValue
  alpha
  reference
  baselineWindows
  window {
    start
    end
    granularity
    timeZone
  }
  samples {
    current
    reference
  }
  firstWindow {
    start
    end
  }
  firedWindows
  ... on DistributionEvidence {
    minSamples
  }
  ... on AccuracyDropEvidence {
    accuracy
    baselineAccuracy
    minSamples
  }
  ... on ClassRecallDropEvidence {
    label
    recall
    baselineRecall
    classesTested
    minSamples
  }
  ... on PageHinkleyEvidence {
    errors
    errorRate
    runningErrorRate
    lambda
    delta
  }
  ... on EstimatedAccuracyDropEvidence {
    estimatedAccuracy
    referenceEstimatedAccuracy
    calibrationSamples
    minSamples
  }
  ... on VolumeAnomalyEvidence {
    predictions
    usual
    direction
    weeks
  }
  ... on PredictionSilenceEvidence {
    minutes
    predictions
    usual
    weeks
  }
  ... on JobFailuresEvidence {
    failuresInARow
    lastError
  }
}
    `, {"fragmentName":"AlertEvidenceFields"}) as unknown as TypedDocumentString<AlertEvidenceFieldsFragment, unknown>;
export const AlertFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertFields on Alert {
  id
  model
  rule
  kind
  severity
  status
  openedAt
  lastSeenAt
  acknowledgedAt
  resolvedAt
  firstWindowStart
  windowStart
  windowEnd
  firedWindows
  message
  findings {
    ...AlertEvidenceFields
  }
}
    fragment AlertEvidenceFields on AlertEvidence {
  __typename
  statistic
  value
  threshold
  pValue
  alpha
  reference
  baselineWindows
  window {
    start
    end
    granularity
    timeZone
  }
  samples {
    current
    reference
  }
  firstWindow {
    start
    end
  }
  firedWindows
  ... on DistributionEvidence {
    minSamples
  }
  ... on AccuracyDropEvidence {
    accuracy
    baselineAccuracy
    minSamples
  }
  ... on ClassRecallDropEvidence {
    label
    recall
    baselineRecall
    classesTested
    minSamples
  }
  ... on PageHinkleyEvidence {
    errors
    errorRate
    runningErrorRate
    lambda
    delta
  }
  ... on EstimatedAccuracyDropEvidence {
    estimatedAccuracy
    referenceEstimatedAccuracy
    calibrationSamples
    minSamples
  }
  ... on VolumeAnomalyEvidence {
    predictions
    usual
    direction
    weeks
  }
  ... on PredictionSilenceEvidence {
    minutes
    predictions
    usual
    weeks
  }
  ... on JobFailuresEvidence {
    failuresInARow
    lastError
  }
}`, {"fragmentName":"AlertFields"}) as unknown as TypedDocumentString<AlertFieldsFragment, unknown>;
export const OverallValuesFragmentDoc = new TypedDocumentString(`
    fragment OverallValues on MetricValues {
  predictions
  validated
  accuracy
  accuracyLow
  accuracyHigh
  precision
  recall
  f1
}
    `, {"fragmentName":"OverallValues"}) as unknown as TypedDocumentString<OverallValuesFragment, unknown>;
export const VersionReportFragmentDoc = new TypedDocumentString(`
    fragment VersionReport on MetricsReport {
  version
  timeZone
  overall {
    predictions
    validated
    accuracy
    precision
    recall
    f1
  }
  series {
    start
    values {
      validated
      accuracy
      precision
      recall
      f1
    }
  }
}
    `, {"fragmentName":"VersionReport"}) as unknown as TypedDocumentString<VersionReportFragment, unknown>;
export const AlertsDocument = new TypedDocumentString(`
    query Alerts($status: AlertStatus, $model: String, $limit: Int) {
  alerts(status: $status, model: $model, limit: $limit) {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  model
  rule
  kind
  severity
  status
  openedAt
  lastSeenAt
  acknowledgedAt
  resolvedAt
  firstWindowStart
  windowStart
  windowEnd
  firedWindows
  message
  findings {
    ...AlertEvidenceFields
  }
}
fragment AlertEvidenceFields on AlertEvidence {
  __typename
  statistic
  value
  threshold
  pValue
  alpha
  reference
  baselineWindows
  window {
    start
    end
    granularity
    timeZone
  }
  samples {
    current
    reference
  }
  firstWindow {
    start
    end
  }
  firedWindows
  ... on DistributionEvidence {
    minSamples
  }
  ... on AccuracyDropEvidence {
    accuracy
    baselineAccuracy
    minSamples
  }
  ... on ClassRecallDropEvidence {
    label
    recall
    baselineRecall
    classesTested
    minSamples
  }
  ... on PageHinkleyEvidence {
    errors
    errorRate
    runningErrorRate
    lambda
    delta
  }
  ... on EstimatedAccuracyDropEvidence {
    estimatedAccuracy
    referenceEstimatedAccuracy
    calibrationSamples
    minSamples
  }
  ... on VolumeAnomalyEvidence {
    predictions
    usual
    direction
    weeks
  }
  ... on PredictionSilenceEvidence {
    minutes
    predictions
    usual
    weeks
  }
  ... on JobFailuresEvidence {
    failuresInARow
    lastError
  }
}`) as unknown as TypedDocumentString<AlertsQuery, AlertsQueryVariables>;
export const OpenAlertsDocument = new TypedDocumentString(`
    query OpenAlerts($model: String) {
  alerts(status: OPEN, model: $model, limit: 1000) {
    id
  }
}
    `) as unknown as TypedDocumentString<OpenAlertsQuery, OpenAlertsQueryVariables>;
export const AcknowledgeAlertDocument = new TypedDocumentString(`
    mutation AcknowledgeAlert($id: ID!) {
  acknowledgeAlert(id: $id) {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  model
  rule
  kind
  severity
  status
  openedAt
  lastSeenAt
  acknowledgedAt
  resolvedAt
  firstWindowStart
  windowStart
  windowEnd
  firedWindows
  message
  findings {
    ...AlertEvidenceFields
  }
}
fragment AlertEvidenceFields on AlertEvidence {
  __typename
  statistic
  value
  threshold
  pValue
  alpha
  reference
  baselineWindows
  window {
    start
    end
    granularity
    timeZone
  }
  samples {
    current
    reference
  }
  firstWindow {
    start
    end
  }
  firedWindows
  ... on DistributionEvidence {
    minSamples
  }
  ... on AccuracyDropEvidence {
    accuracy
    baselineAccuracy
    minSamples
  }
  ... on ClassRecallDropEvidence {
    label
    recall
    baselineRecall
    classesTested
    minSamples
  }
  ... on PageHinkleyEvidence {
    errors
    errorRate
    runningErrorRate
    lambda
    delta
  }
  ... on EstimatedAccuracyDropEvidence {
    estimatedAccuracy
    referenceEstimatedAccuracy
    calibrationSamples
    minSamples
  }
  ... on VolumeAnomalyEvidence {
    predictions
    usual
    direction
    weeks
  }
  ... on PredictionSilenceEvidence {
    minutes
    predictions
    usual
    weeks
  }
  ... on JobFailuresEvidence {
    failuresInARow
    lastError
  }
}`) as unknown as TypedDocumentString<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const ClassMetricsDocument = new TypedDocumentString(`
    query ClassMetrics($model: String, $range: TimeRangeInput!) {
  metricsByClass(model: $model, range: $range) {
    label
    precision
    precisionLow
    precisionHigh
    recall
    recallLow
    recallHigh
    f1
    support
    predicted
  }
  metrics(model: $model, range: $range, granularity: MONTH, timeZone: "UTC") {
    overall {
      precision
      recall
      f1
      weightedPrecision
      weightedRecall
      weightedF1
      microPrecision
      microRecall
      microF1
    }
  }
}
    `) as unknown as TypedDocumentString<ClassMetricsQuery, ClassMetricsQueryVariables>;
export const ConfusionMatrixDocument = new TypedDocumentString(`
    query ConfusionMatrix($model: String, $range: TimeRangeInput!) {
  confusionMatrix(model: $model, range: $range) {
    labels
    counts
  }
}
    `) as unknown as TypedDocumentString<ConfusionMatrixQuery, ConfusionMatrixQueryVariables>;
export const SampleDistributionDocument = new TypedDocumentString(`
    query SampleDistribution($model: String, $range: TimeRangeInput!, $by: ClassField!) {
  sampleDistribution(model: $model, range: $range, by: $by) {
    label
    count
    share
  }
}
    `) as unknown as TypedDocumentString<SampleDistributionQuery, SampleDistributionQueryVariables>;
export const TrainingComparisonDocument = new TypedDocumentString(`
    query TrainingComparison($model: String, $range: TimeRangeInput!) {
  trainingDistribution(model: $model) {
    label
    count
    share
  }
  production: sampleDistribution(model: $model, range: $range, by: PREDICTED) {
    label
    count
    share
  }
}
    `) as unknown as TypedDocumentString<TrainingComparisonQuery, TrainingComparisonQueryVariables>;
export const DriftDocument = new TypedDocumentString(`
    query Drift($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $reference: DriftReference!, $timeZone: String) {
  driftSettings {
    psiThreshold
    jsThreshold
    accuracyDropThreshold
    pValue
    baselineWindows
  }
  drift(
    model: $model
    range: $range
    granularity: $granularity
    reference: $reference
    timeZone: $timeZone
  ) {
    start
    end
    psi
    jsDistance
    accuracy
    baselineAccuracy
    accuracyDelta
    accuracyP
    predictions
    validated
    rules
  }
}
    `) as unknown as TypedDocumentString<DriftQuery, DriftQueryVariables>;
export const DriftReferenceSettingDocument = new TypedDocumentString(`
    query DriftReferenceSetting {
  driftSettings {
    reference
  }
}
    `) as unknown as TypedDocumentString<DriftReferenceSettingQuery, DriftReferenceSettingQueryVariables>;
export const PerformanceEstimateDocument = new TypedDocumentString(`
    query PerformanceEstimate($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {
  performanceEstimate(
    model: $model
    range: $range
    granularity: $granularity
    timeZone: $timeZone
  ) {
    reference {
      from
      to
      stored
      samples
      calibrationErrorBefore
      calibrationErrorAfter
    }
    series {
      start
      end
      predictions
      validated
      estimated {
        accuracy
        accuracyLow
        accuracyHigh
      }
      realized {
        accuracy
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PerformanceEstimateQuery, PerformanceEstimateQueryVariables>;
export const JobsDocument = new TypedDocumentString(`
    query Jobs($limit: Int) {
  jobs {
    name
    description
    interval
    status
    lastRunAt
    lastFinishedAt
    nextRunAt
    failCount
    failReason
  }
  jobRuns(limit: $limit) {
    id
    job
    status
    startedAt
    finishedAt
    summary
    error
  }
}
    `) as unknown as TypedDocumentString<JobsQuery, JobsQueryVariables>;
export const RunJobDocument = new TypedDocumentString(`
    mutation RunJob($name: String!) {
  runJob(name: $name) {
    id
    job
    status
    summary
    error
  }
}
    `) as unknown as TypedDocumentString<RunJobMutation, RunJobMutationVariables>;
export const MetricSeriesDocument = new TypedDocumentString(`
    query MetricSeries($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {
  metrics(
    model: $model
    range: $range
    granularity: $granularity
    timeZone: $timeZone
  ) {
    timeZone
    series {
      start
      end
      values {
        predictions
        validated
        accuracy
        accuracyLow
        accuracyHigh
        precision
        recall
        f1
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MetricSeriesQuery, MetricSeriesQueryVariables>;
export const ModelsDocument = new TypedDocumentString(`
    query Models {
  models {
    name
    predictions
    validated
  }
}
    `) as unknown as TypedDocumentString<ModelsQuery, ModelsQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($model: String, $range: TimeRangeInput!, $previous: TimeRangeInput!, $timeZone: String) {
  current: metrics(
    model: $model
    range: $range
    granularity: MONTH
    timeZone: $timeZone
  ) {
    overall {
      ...OverallValues
    }
  }
  previous: metrics(
    model: $model
    range: $previous
    granularity: MONTH
    timeZone: $timeZone
  ) {
    overall {
      ...OverallValues
    }
  }
}
    fragment OverallValues on MetricValues {
  predictions
  validated
  accuracy
  accuracyLow
  accuracyHigh
  precision
  recall
  f1
}`) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const ProfileUploadsDocument = new TypedDocumentString(`
    query ProfileUploads($model: String, $range: TimeRangeInput!) {
  profiles(model: $model, range: $range) {
    id
    upload
    uploadedAt
    uploadError
  }
}
    `) as unknown as TypedDocumentString<ProfileUploadsQuery, ProfileUploadsQueryVariables>;
export const ModelVersionsDocument = new TypedDocumentString(`
    query ModelVersions($model: String, $range: TimeRangeInput!) {
  models {
    name
    versions {
      name
      predictions
      validated
      lastPredictedAt
    }
  }
  current: metrics(
    model: $model
    range: $range
    granularity: MONTH
    timeZone: "UTC"
  ) {
    model
  }
}
    `) as unknown as TypedDocumentString<ModelVersionsQuery, ModelVersionsQueryVariables>;
export const VersionComparisonDocument = new TypedDocumentString(`
    query VersionComparison($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String, $a: String!, $b: String!) {
  a: metrics(
    model: $model
    version: $a
    range: $range
    granularity: $granularity
    timeZone: $timeZone
  ) {
    ...VersionReport
  }
  b: metrics(
    model: $model
    version: $b
    range: $range
    granularity: $granularity
    timeZone: $timeZone
  ) {
    ...VersionReport
  }
}
    fragment VersionReport on MetricsReport {
  version
  timeZone
  overall {
    predictions
    validated
    accuracy
    precision
    recall
    f1
  }
  series {
    start
    values {
      validated
      accuracy
      precision
      recall
      f1
    }
  }
}`) as unknown as TypedDocumentString<VersionComparisonQuery, VersionComparisonQueryVariables>;