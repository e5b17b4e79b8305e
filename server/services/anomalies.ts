// The check-anomalies job: per model, prediction volume of the last closed hours against the same
// hours of previous weeks, and silences over the last closed quarters; per job, failures in a row.
// Counts come from rollup blocks (a few hundred per model), job runs from job_runs.
import type { Window } from '../core/buckets.js';
import { jobFailureEvaluations } from '../core/anomalies/job-failures.js';
import { anomalyEvaluation, type AnomalySettings } from '../core/anomalies/rules.js';
import { silenceOutcome, volumeOutcome } from '../core/anomalies/volume.js';
import { advanceAlerts, type AlertChange, type LifecycleContext, type RuleSlot } from '../core/alerts/lifecycle.js';
import type { RuleOutcome, WindowEvaluation } from '../core/drift-rules/evaluate.js';
import type { DriftRule } from '../core/drift-rules/rules.js';
import { LEVEL_MS } from '../core/grid.js';
import type { JobRunStore } from '../store/job-runs.js';
import type { RollupStore } from '../store/rollups.js';
import { commitAlerts, type AlertOutbox, type AlertStates } from './alert-outbox.js';
import type { ReportService } from './reports.js';

const WEEK_MS = 7 * 86_400_000;
/** Finished runs of a job looked at per check. */
const RUNS_CHECKED = 20;

export interface AnomalySummary {
  models: number;
  jobs: number;
  firing: number;
  opened: number;
  resolved: number;
  sent: number;
  failed: number;
}

/** What the anomaly check reads and writes, each narrowed to what it uses. */
export interface AnomalyDeps {
  reports: Pick<ReportService, 'knownModels' | 'tallies'>;
  rollups: Pick<RollupStore, 'versions'>;
  runs: Pick<JobRunStore, 'list'>;
  state: AlertStates;
  alerts: AlertOutbox;
}

export interface AnomalyContext {
  settings: AnomalySettings;
  enabled: readonly DriftRule[];
  resolveAfter: number;
  /** Jobs watched for failures. */
  jobs: readonly string[];
}

/** One rule's windows, judged. */
interface Judged {
  rule: DriftRule;
  evaluations: WindowEvaluation[];
  /** How messages name a window ("quarter hour", "run"); default: hour. */
  windowName?: string;
}

const shift = (w: Window, ms: number): Window => ({
  start: new Date(w.start.getTime() - ms),
  end: new Date(w.end.getTime() - ms),
});

export class AnomalyService {
  constructor(
    private readonly deps: AnomalyDeps,
    private readonly context: AnomalyContext,
  ) {}

  /** The last closed blocks of `ms` before now, oldest first: enough to see an alert resolve. */
  private closed(now: Date, ms: number): Window[] {
    const end = Math.floor(now.getTime() / ms) * ms;
    const count = this.context.resolveAfter + 3;
    return Array.from({ length: count }, (_, i) => ({
      start: new Date(end - (count - i) * ms),
      end: new Date(end - (count - 1 - i) * ms),
    }));
  }

  /**
   * Each window's count and the counts of the same span in previous weeks, skipping weeks before
   * the model's first day (a new model has no usual level yet).
   */
  private async counts(
    model: string,
    windows: Window[],
    firstDay: Date,
  ): Promise<{ count: number; history: number[] }[]> {
    const { weeks } = this.context.settings;
    const spans = windows.flatMap((w) => Array.from({ length: weeks + 1 }, (_, k) => shift(w, k * WEEK_MS)));
    const tallies = await this.deps.reports.tallies(model, spans);
    return windows.map((w, i) => {
      const own = tallies.slice(i * (weeks + 1), (i + 1) * (weeks + 1));
      const history = own
        .slice(1)
        .filter((_, k) => shift(w, (k + 1) * WEEK_MS).start >= firstDay)
        .map((t) => t.predictions);
      return { count: own[0].predictions, history };
    });
  }

  /** Windows are on the UTC grid: hours for volume, quarters for silences, runs for jobs. */
  private lifecycle(subject: string, windowName: string | undefined, now: Date): LifecycleContext {
    return {
      model: subject,
      granularity: 'HOUR',
      windowName,
      timeZone: 'UTC',
      baselineWindows: this.context.settings.weeks,
      resolveAfter: this.context.resolveAfter,
      now,
    };
  }

  private async modelEvaluations(model: string, now: Date): Promise<Judged[]> {
    const { settings, enabled } = this.context;
    const firstDay = (await this.deps.rollups.versions('DAY', model)).find((d) => d.rows > 0)?.start;
    if (!firstDay) return [];
    const judged: Judged[] = [];
    const judge = async (
      rule: DriftRule,
      windows: Window[],
      spanOf: (w: Window) => Window,
      outcome: (count: number, history: number[]) => RuleOutcome,
      windowName?: string,
    ) => {
      if (!enabled.includes(rule)) return;
      const counts = await this.counts(model, windows.map(spanOf), firstDay);
      judged.push({
        rule,
        windowName,
        evaluations: windows.map((w, i) =>
          anomalyEvaluation(w, outcome(counts[i].count, counts[i].history), counts[i].count),
        ),
      });
    };
    await judge(
      'volume-anomaly',
      this.closed(now, LEVEL_MS.HOUR),
      (w) => w,
      (c, h) => volumeOutcome(c, h, settings),
    );
    const silence = settings.silenceMinutes * 60_000;
    await judge(
      'prediction-silence',
      this.closed(now, LEVEL_MS.QUARTER),
      (w) => ({ start: new Date(w.end.getTime() - silence), end: w.end }),
      (c, h) => silenceOutcome(c, h, settings),
      'quarter hour',
    );
    return judged;
  }

  private async jobEvaluations(job: string): Promise<Judged[]> {
    if (!this.context.enabled.includes('job-failures')) return [];
    const finished = (await this.deps.runs.list(job, RUNS_CHECKED)).filter((r) => r.finishedAt !== null).reverse();
    const runs = finished.map((r) => ({
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? r.startedAt,
      failed: r.status === 'FAILED',
      error: r.error,
    }));
    return [
      { rule: 'job-failures', windowName: 'run', evaluations: jobFailureEvaluations(runs, this.context.settings) },
    ];
  }

  /** Moves the alerts of one model or job on and notifies; safe to repeat (alert ids are deterministic). */
  private async advance(
    key: string,
    subject: string,
    judged: Judged[],
    signal: AbortSignal,
    now: Date,
    summary: AnomalySummary,
  ): Promise<void> {
    const stored = await this.deps.state.get(key);
    // Slots of rules not judged this time (disabled, or a model without data yet) stay as they are.
    const slots: RuleSlot[] = stored.state.slots.filter((s) => !judged.some((j) => j.rule === s.rule));
    const changes: AlertChange[] = [];
    for (const { rule, evaluations, windowName } of judged) {
      const result = advanceAlerts(
        stored.state.slots.filter((s) => s.rule === rule),
        evaluations,
        this.lifecycle(subject, windowName, now),
      );
      slots.push(...result.slots.filter((s) => s.rule === rule));
      changes.push(...result.changes);
      summary.firing += evaluations.filter((e) => e.drift).length;
    }
    const delivered = await commitAlerts(
      this.deps.alerts,
      this.deps.state,
      key,
      stored,
      { pageHinkley: [], slots },
      changes,
      signal,
      now,
    );
    summary.opened += changes.filter((c) => c.events.includes('opened')).length;
    summary.resolved += changes.filter((c) => c.events.includes('resolved')).length;
    summary.sent += delivered.sent;
    summary.failed += delivered.failed;
  }

  async check(signal: AbortSignal, now = new Date()): Promise<AnomalySummary> {
    const summary: AnomalySummary = { models: 0, jobs: 0, firing: 0, opened: 0, resolved: 0, sent: 0, failed: 0 };
    for (const model of await this.deps.reports.knownModels()) {
      signal.throwIfAborted();
      await this.advance(model, model, await this.modelEvaluations(model, now), signal, now, summary);
      summary.models++;
    }
    for (const job of this.context.jobs) {
      signal.throwIfAborted();
      await this.advance(`job:${job}`, job, await this.jobEvaluations(job), signal, now, summary);
      summary.jobs++;
    }
    return summary;
  }
}
