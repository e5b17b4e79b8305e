/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Alerts($status: AlertStatus, $model: String, $limit: Int) {\n  alerts(status: $status, model: $model, limit: $limit) {\n    ...AlertFields\n  }\n}\n\nquery OpenAlerts($model: String) {\n  alerts(status: OPEN, model: $model, limit: 1000) {\n    id\n  }\n}\n\nmutation AcknowledgeAlert($id: ID!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertFields\n  }\n}\n\nfragment AlertFields on Alert {\n  id\n  model\n  rule\n  severity\n  status\n  openedAt\n  lastSeenAt\n  acknowledgedAt\n  resolvedAt\n  firstWindowStart\n  windowStart\n  windowEnd\n  firedWindows\n  message\n  evidence\n}": typeof types.AlertsDocument,
    "query ClassMetrics($model: String, $range: TimeRangeInput!) {\n  metricsByClass(model: $model, range: $range) {\n    label\n    precision\n    recall\n    f1\n    support\n    predicted\n  }\n}\n\nquery ConfusionMatrix($model: String, $range: TimeRangeInput!) {\n  confusionMatrix(model: $model, range: $range) {\n    labels\n    counts\n  }\n}": typeof types.ClassMetricsDocument,
    "query SampleDistribution($model: String, $range: TimeRangeInput!, $by: ClassField!) {\n  sampleDistribution(model: $model, range: $range, by: $by) {\n    label\n    count\n    share\n  }\n}\n\nquery TrainingComparison($model: String, $range: TimeRangeInput!) {\n  trainingDistribution(model: $model) {\n    label\n    count\n    share\n  }\n  production: sampleDistribution(model: $model, range: $range, by: PREDICTED) {\n    label\n    count\n    share\n  }\n}": typeof types.SampleDistributionDocument,
    "query Drift($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $reference: DriftReference!, $timeZone: String) {\n  driftSettings {\n    psiThreshold\n    jsThreshold\n    accuracyDropThreshold\n    pValue\n    baselineWindows\n  }\n  drift(\n    model: $model\n    range: $range\n    granularity: $granularity\n    reference: $reference\n    timeZone: $timeZone\n  ) {\n    start\n    end\n    psi\n    jsDistance\n    accuracy\n    baselineAccuracy\n    accuracyDelta\n    accuracyP\n    predictions\n    validated\n    rules\n  }\n}\n\nquery DriftReferenceSetting {\n  driftSettings {\n    reference\n  }\n}": typeof types.DriftDocument,
    "query PerformanceEstimate($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  performanceEstimate(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    reference {\n      from\n      to\n      stored\n      samples\n      calibrationErrorBefore\n      calibrationErrorAfter\n    }\n    series {\n      start\n      end\n      predictions\n      validated\n      estimated {\n        accuracy\n        accuracyLow\n        accuracyHigh\n      }\n      realized {\n        accuracy\n      }\n    }\n  }\n}": typeof types.PerformanceEstimateDocument,
    "query Jobs($limit: Int) {\n  jobs {\n    name\n    description\n    interval\n    status\n    lastRunAt\n    lastFinishedAt\n    nextRunAt\n    failCount\n    failReason\n  }\n  jobRuns(limit: $limit) {\n    id\n    job\n    status\n    startedAt\n    finishedAt\n    summary\n    error\n  }\n}\n\nmutation RunJob($name: String!) {\n  runJob(name: $name) {\n    id\n    job\n    status\n    summary\n    error\n  }\n}": typeof types.JobsDocument,
    "query MetricSeries($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  metrics(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    timeZone\n    series {\n      start\n      end\n      values {\n        predictions\n        validated\n        accuracy\n        accuracyLow\n        accuracyHigh\n        precision\n        recall\n        f1\n      }\n    }\n  }\n}": typeof types.MetricSeriesDocument,
    "query Models {\n  models {\n    name\n    predictions\n    validated\n  }\n}": typeof types.ModelsDocument,
    "query Overview($model: String, $range: TimeRangeInput!, $previous: TimeRangeInput!, $timeZone: String) {\n  current: metrics(\n    model: $model\n    range: $range\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n  previous: metrics(\n    model: $model\n    range: $previous\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n}\n\nfragment OverallValues on MetricValues {\n  predictions\n  validated\n  accuracy\n  accuracyLow\n  accuracyHigh\n  precision\n  recall\n  f1\n}": typeof types.OverviewDocument,
};
const documents: Documents = {
    "query Alerts($status: AlertStatus, $model: String, $limit: Int) {\n  alerts(status: $status, model: $model, limit: $limit) {\n    ...AlertFields\n  }\n}\n\nquery OpenAlerts($model: String) {\n  alerts(status: OPEN, model: $model, limit: 1000) {\n    id\n  }\n}\n\nmutation AcknowledgeAlert($id: ID!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertFields\n  }\n}\n\nfragment AlertFields on Alert {\n  id\n  model\n  rule\n  severity\n  status\n  openedAt\n  lastSeenAt\n  acknowledgedAt\n  resolvedAt\n  firstWindowStart\n  windowStart\n  windowEnd\n  firedWindows\n  message\n  evidence\n}": types.AlertsDocument,
    "query ClassMetrics($model: String, $range: TimeRangeInput!) {\n  metricsByClass(model: $model, range: $range) {\n    label\n    precision\n    recall\n    f1\n    support\n    predicted\n  }\n}\n\nquery ConfusionMatrix($model: String, $range: TimeRangeInput!) {\n  confusionMatrix(model: $model, range: $range) {\n    labels\n    counts\n  }\n}": types.ClassMetricsDocument,
    "query SampleDistribution($model: String, $range: TimeRangeInput!, $by: ClassField!) {\n  sampleDistribution(model: $model, range: $range, by: $by) {\n    label\n    count\n    share\n  }\n}\n\nquery TrainingComparison($model: String, $range: TimeRangeInput!) {\n  trainingDistribution(model: $model) {\n    label\n    count\n    share\n  }\n  production: sampleDistribution(model: $model, range: $range, by: PREDICTED) {\n    label\n    count\n    share\n  }\n}": types.SampleDistributionDocument,
    "query Drift($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $reference: DriftReference!, $timeZone: String) {\n  driftSettings {\n    psiThreshold\n    jsThreshold\n    accuracyDropThreshold\n    pValue\n    baselineWindows\n  }\n  drift(\n    model: $model\n    range: $range\n    granularity: $granularity\n    reference: $reference\n    timeZone: $timeZone\n  ) {\n    start\n    end\n    psi\n    jsDistance\n    accuracy\n    baselineAccuracy\n    accuracyDelta\n    accuracyP\n    predictions\n    validated\n    rules\n  }\n}\n\nquery DriftReferenceSetting {\n  driftSettings {\n    reference\n  }\n}": types.DriftDocument,
    "query PerformanceEstimate($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  performanceEstimate(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    reference {\n      from\n      to\n      stored\n      samples\n      calibrationErrorBefore\n      calibrationErrorAfter\n    }\n    series {\n      start\n      end\n      predictions\n      validated\n      estimated {\n        accuracy\n        accuracyLow\n        accuracyHigh\n      }\n      realized {\n        accuracy\n      }\n    }\n  }\n}": types.PerformanceEstimateDocument,
    "query Jobs($limit: Int) {\n  jobs {\n    name\n    description\n    interval\n    status\n    lastRunAt\n    lastFinishedAt\n    nextRunAt\n    failCount\n    failReason\n  }\n  jobRuns(limit: $limit) {\n    id\n    job\n    status\n    startedAt\n    finishedAt\n    summary\n    error\n  }\n}\n\nmutation RunJob($name: String!) {\n  runJob(name: $name) {\n    id\n    job\n    status\n    summary\n    error\n  }\n}": types.JobsDocument,
    "query MetricSeries($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  metrics(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    timeZone\n    series {\n      start\n      end\n      values {\n        predictions\n        validated\n        accuracy\n        accuracyLow\n        accuracyHigh\n        precision\n        recall\n        f1\n      }\n    }\n  }\n}": types.MetricSeriesDocument,
    "query Models {\n  models {\n    name\n    predictions\n    validated\n  }\n}": types.ModelsDocument,
    "query Overview($model: String, $range: TimeRangeInput!, $previous: TimeRangeInput!, $timeZone: String) {\n  current: metrics(\n    model: $model\n    range: $range\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n  previous: metrics(\n    model: $model\n    range: $previous\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n}\n\nfragment OverallValues on MetricValues {\n  predictions\n  validated\n  accuracy\n  accuracyLow\n  accuracyHigh\n  precision\n  recall\n  f1\n}": types.OverviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Alerts($status: AlertStatus, $model: String, $limit: Int) {\n  alerts(status: $status, model: $model, limit: $limit) {\n    ...AlertFields\n  }\n}\n\nquery OpenAlerts($model: String) {\n  alerts(status: OPEN, model: $model, limit: 1000) {\n    id\n  }\n}\n\nmutation AcknowledgeAlert($id: ID!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertFields\n  }\n}\n\nfragment AlertFields on Alert {\n  id\n  model\n  rule\n  severity\n  status\n  openedAt\n  lastSeenAt\n  acknowledgedAt\n  resolvedAt\n  firstWindowStart\n  windowStart\n  windowEnd\n  firedWindows\n  message\n  evidence\n}"): typeof import('./graphql.js').AlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClassMetrics($model: String, $range: TimeRangeInput!) {\n  metricsByClass(model: $model, range: $range) {\n    label\n    precision\n    recall\n    f1\n    support\n    predicted\n  }\n}\n\nquery ConfusionMatrix($model: String, $range: TimeRangeInput!) {\n  confusionMatrix(model: $model, range: $range) {\n    labels\n    counts\n  }\n}"): typeof import('./graphql.js').ClassMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SampleDistribution($model: String, $range: TimeRangeInput!, $by: ClassField!) {\n  sampleDistribution(model: $model, range: $range, by: $by) {\n    label\n    count\n    share\n  }\n}\n\nquery TrainingComparison($model: String, $range: TimeRangeInput!) {\n  trainingDistribution(model: $model) {\n    label\n    count\n    share\n  }\n  production: sampleDistribution(model: $model, range: $range, by: PREDICTED) {\n    label\n    count\n    share\n  }\n}"): typeof import('./graphql.js').SampleDistributionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Drift($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $reference: DriftReference!, $timeZone: String) {\n  driftSettings {\n    psiThreshold\n    jsThreshold\n    accuracyDropThreshold\n    pValue\n    baselineWindows\n  }\n  drift(\n    model: $model\n    range: $range\n    granularity: $granularity\n    reference: $reference\n    timeZone: $timeZone\n  ) {\n    start\n    end\n    psi\n    jsDistance\n    accuracy\n    baselineAccuracy\n    accuracyDelta\n    accuracyP\n    predictions\n    validated\n    rules\n  }\n}\n\nquery DriftReferenceSetting {\n  driftSettings {\n    reference\n  }\n}"): typeof import('./graphql.js').DriftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PerformanceEstimate($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  performanceEstimate(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    reference {\n      from\n      to\n      stored\n      samples\n      calibrationErrorBefore\n      calibrationErrorAfter\n    }\n    series {\n      start\n      end\n      predictions\n      validated\n      estimated {\n        accuracy\n        accuracyLow\n        accuracyHigh\n      }\n      realized {\n        accuracy\n      }\n    }\n  }\n}"): typeof import('./graphql.js').PerformanceEstimateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Jobs($limit: Int) {\n  jobs {\n    name\n    description\n    interval\n    status\n    lastRunAt\n    lastFinishedAt\n    nextRunAt\n    failCount\n    failReason\n  }\n  jobRuns(limit: $limit) {\n    id\n    job\n    status\n    startedAt\n    finishedAt\n    summary\n    error\n  }\n}\n\nmutation RunJob($name: String!) {\n  runJob(name: $name) {\n    id\n    job\n    status\n    summary\n    error\n  }\n}"): typeof import('./graphql.js').JobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MetricSeries($model: String, $range: TimeRangeInput!, $granularity: Granularity!, $timeZone: String) {\n  metrics(\n    model: $model\n    range: $range\n    granularity: $granularity\n    timeZone: $timeZone\n  ) {\n    timeZone\n    series {\n      start\n      end\n      values {\n        predictions\n        validated\n        accuracy\n        accuracyLow\n        accuracyHigh\n        precision\n        recall\n        f1\n      }\n    }\n  }\n}"): typeof import('./graphql.js').MetricSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Models {\n  models {\n    name\n    predictions\n    validated\n  }\n}"): typeof import('./graphql.js').ModelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Overview($model: String, $range: TimeRangeInput!, $previous: TimeRangeInput!, $timeZone: String) {\n  current: metrics(\n    model: $model\n    range: $range\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n  previous: metrics(\n    model: $model\n    range: $previous\n    granularity: MONTH\n    timeZone: $timeZone\n  ) {\n    overall {\n      ...OverallValues\n    }\n  }\n}\n\nfragment OverallValues on MetricValues {\n  predictions\n  validated\n  accuracy\n  accuracyLow\n  accuracyHigh\n  precision\n  recall\n  f1\n}"): typeof import('./graphql.js').OverviewDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
