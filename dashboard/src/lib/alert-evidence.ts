// An alert's evidence (a JSON string from the API) as labelled lines people can read.
import { formatCount, formatPercent, formatRange } from './format.js';
import { formatP } from './drift-data.js';

export interface EvidenceLine {
  label: string;
  value: string;
}

/** The part of the evidence this page reads; anything else is shown as raw JSON only. */
interface Evidence {
  rule?: string;
  statistic?: string;
  value?: number | null;
  threshold?: number;
  pValue?: number | null;
  alpha?: number | null;
  reference?: string;
  baselineWindows?: number | null;
  window?: { start: string; end: string; granularity?: string; timeZone?: string };
  samples?: { current: number; reference: number };
  details?: Record<string, number | string | null>;
  firstWindow?: { start: string; end: string };
  firedWindows?: number;
}

export const RULE_TITLES: Readonly<Record<string, string>> = {
  'predicted-psi': 'Predicted classes drifted (PSI)',
  'predicted-js': 'Predicted classes drifted (JS distance)',
  'actual-psi': 'True classes drifted (PSI)',
  'actual-js': 'True classes drifted (JS distance)',
  'accuracy-drop': 'Accuracy dropped',
  'class-recall-drop': 'Recall of a class dropped',
  'confidence-ks': 'Confidence shifted (KS)',
  'page-hinkley': 'Error rate rose (Page–Hinkley)',
  'estimated-accuracy-drop': 'Estimated accuracy dropped (before labels)',
  'volume-anomaly': 'Prediction volume unusual',
  'prediction-silence': 'Predictions stopped',
  'job-failures': 'A job keeps failing',
};

export function ruleTitle(rule: string): string {
  return RULE_TITLES[rule] ?? rule;
}

/** Rule details that are rates in [0, 1]; the others are counts, labels or parameters. */
const RATE_DETAILS = new Set(['accuracy', 'baselineAccuracy', 'recall', 'baselineRecall', 'errorRate', 'runningErrorRate', 'estimatedAccuracy', 'referenceEstimatedAccuracy']);
const DETAIL_LABELS: Readonly<Record<string, string>> = {
  label: 'Class',
  baselineAccuracy: 'Baseline accuracy',
  baselineRecall: 'Baseline recall',
  classesTested: 'Classes tested',
  errorRate: 'Error rate',
  runningErrorRate: 'Running error rate before',
  lambda: 'λ (alarm threshold)',
  delta: 'δ (tolerated change)',
};

/** "baselineRecall" → "Baseline recall", for detail keys without a label of their own. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const num = (x: number) => String(Number(x.toPrecision(3)));

/** Drops and recall drops are rates: shown in points; other statistics as plain numbers. */
function measure(statistic: string | undefined, x: number): string {
  if (statistic === 'accuracy-drop' || statistic === 'recall-drop' || statistic === 'estimated-accuracy-drop') return `${num(x * 100)} points`;
  if (statistic === 'page-hinkley-alarms') return `${x} alarm${x === 1 ? '' : 's'}`;
  return num(x);
}

function against(e: Evidence): string {
  if (e.reference === 'TRAINING') return 'The training distribution';
  if (e.reference === 'BASELINE') return e.baselineWindows ? `The ${e.baselineWindows} previous windows` : 'The previous windows';
  if (e.reference === 'RUNNING_MEAN') return 'Its running error rate';
  if (e.reference === 'CALIBRATION') return 'The calibration reference (estimated)';
  if (e.reference === 'SAME_TIME_PREVIOUS_WEEKS') return 'The same time in previous weeks';
  if (e.reference === 'NONE') return 'Its limit';
  return e.reference ?? '—';
}

function detail(key: string, value: number | string | null): EvidenceLine {
  const label = DETAIL_LABELS[key] ?? humanize(key);
  if (value === null) return { label, value: '—' };
  if (typeof value === 'string') return { label, value };
  if (RATE_DETAILS.has(key)) return { label, value: formatPercent(value) };
  return { label, value: Number.isInteger(value) ? formatCount(value) : num(value) };
}

/** Readable lines of an alert's evidence, in the viewer's zone; null when it is not JSON. */
export function evidenceLines(json: string, timeZone: string): EvidenceLine[] | null {
  let e: Evidence;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    e = parsed as Evidence;
  } catch {
    return null;
  }
  const lines: EvidenceLine[] = [];
  if (typeof e.value === 'number') {
    const threshold = typeof e.threshold === 'number' ? ` (threshold ${measure(e.statistic, e.threshold)})` : '';
    lines.push({ label: 'Value', value: `${measure(e.statistic, e.value)}${threshold}` });
  }
  if (e.alpha != null) lines.push({ label: 'Significance', value: `p = ${formatP(e.pValue ?? null)} (must be below ${formatP(e.alpha)})` });
  lines.push({ label: 'Compared with', value: against(e) });
  if (e.window) {
    const kind = e.window.granularity ? ` (${e.window.granularity.toLowerCase()})` : '';
    lines.push({ label: 'Window', value: `${formatRange(new Date(e.window.start), new Date(e.window.end), timeZone)}${kind}` });
  }
  if (e.samples) lines.push({ label: 'Observations', value: `${formatCount(e.samples.current)} in the window, ${formatCount(e.samples.reference)} in the reference` });
  // The sample floor is a setting, not a finding: it stays in the JSON.
  for (const [key, value] of Object.entries(e.details ?? {})) if (key !== 'minSamples') lines.push(detail(key, value));
  if (e.firstWindow && e.firstWindow.start !== e.window?.start) lines.push({ label: 'Episode began', value: formatRange(new Date(e.firstWindow.start), new Date(e.firstWindow.end), timeZone) });
  if (typeof e.firedWindows === 'number') lines.push({ label: 'Windows fired', value: formatCount(e.firedWindows) });
  return lines;
}

/** The evidence JSON indented for reading (as given when it does not parse). */
export function prettyJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** The open-alert badge: nothing at zero, capped so it stays small. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
