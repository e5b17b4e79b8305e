// Alert lifecycle per (model, rule): a firing window opens an alert, later firing windows update
// it, `resolveAfter` quiet windows in a row resolve it. Replaying the same re-checked windows
// gives the same alerts, so a repeated or crashed run opens nothing twice.
import type { Granularity, Window } from '../buckets.js';
import type { RuleOutcome, WindowEvaluation } from '../drift-rules/evaluate.js';
import type { DriftRule, Severity } from '../drift-rules/rules.js';
import { alertEvidence, alertMessage } from './describe.js';

export interface AlertRecord {
  /** `${rule}:${first window start ms}:${model}`: the same episode always gets the same id. */
  id: string;
  model: string;
  rule: DriftRule;
  /** The highest severity any of its windows reached. */
  severity: Severity;
  openedAt: Date;
  /** When a run last saw a new window fire. */
  lastSeenAt: Date;
  resolvedAt: Date | null;
  firstWindow: Window;
  /** The latest window that fired; message and evidence describe it. */
  lastWindow: Window;
  firedWindows: number;
  message: string;
  evidence: string;
}

/** The job's memory of one (model, rule). */
export interface RuleSlot {
  rule: DriftRule;
  open: AlertRecord | null;
  /** Windows starting at or before this were already judged by a resolved alert and are not looked at again. */
  coveredUntil: Date | null;
}

export type AlertEvent = 'opened' | 'resolved';

export interface AlertChange {
  alert: AlertRecord;
  /** Notifications this change calls for (an update alone calls for none). */
  events: AlertEvent[];
}

export interface LifecycleContext {
  model: string;
  granularity: Granularity;
  /** What a window is when not a calendar bucket ("quarter hour", "run"). */
  windowName?: string;
  timeZone: string;
  baselineWindows: number;
  resolveAfter: number;
  now: Date;
}

export const alertId = (model: string, rule: DriftRule, firstWindow: Window) =>
  `${rule}:${firstWindow.start.getTime()}:${model}`;

const window = (w: Window): Window => ({ start: w.start, end: w.end });
const worse = (a: Severity, b: Severity): Severity => (a === 'critical' || b === 'critical' ? 'critical' : 'warning');

function describe(
  alert: Omit<AlertRecord, 'message' | 'evidence'>,
  outcome: RuleOutcome,
  context: LifecycleContext,
): AlertRecord {
  return {
    ...alert,
    message: alertMessage(outcome, alert.lastWindow, context),
    evidence: alertEvidence(outcome, alert.lastWindow, context, alert),
  };
}

function advanceRule(
  slot: RuleSlot,
  horizon: readonly WindowEvaluation[],
  context: LifecycleContext,
  changes: Map<string, AlertChange>,
): RuleSlot {
  let { open, coveredUntil } = slot;
  let quiet = 0;
  const record = (alert: AlertRecord, event?: AlertEvent) => {
    const change = changes.get(alert.id) ?? { alert, events: [] };
    changes.set(alert.id, { alert, events: event ? [...change.events, event] : change.events });
  };
  for (const w of horizon) {
    if (coveredUntil && w.start <= coveredUntil) continue;
    const outcome = w.outcomes.find((o) => o.rule === slot.rule);
    const fired = outcome?.fired === true;
    if (open && w.start <= open.lastWindow.start) continue;
    if (fired && outcome) {
      const severity = outcome.severity ?? 'warning';
      const next = open
        ? {
            ...open,
            severity: worse(open.severity, severity),
            lastSeenAt: context.now,
            lastWindow: window(w),
            firedWindows: open.firedWindows + 1,
          }
        : {
            id: alertId(context.model, slot.rule, w),
            model: context.model,
            rule: slot.rule,
            severity,
            openedAt: context.now,
            lastSeenAt: context.now,
            resolvedAt: null,
            firstWindow: window(w),
            lastWindow: window(w),
            firedWindows: 1,
          };
      const opening = open === null;
      open = describe(next, outcome, context);
      record(open, opening ? 'opened' : undefined);
      quiet = 0;
    } else if (open && ++quiet >= context.resolveAfter) {
      // A window no rule value could be computed for (no data) is quiet too: silence resolves.
      record({ ...open, resolvedAt: context.now }, 'resolved');
      open = null;
      coveredUntil = w.start;
    }
  }
  return { rule: slot.rule, open, coveredUntil };
}

/**
 * Runs each rule's lifecycle over the re-checked windows (oldest first). Rules without a slot
 * get one; a slot whose rule no longer fires anywhere (e.g. disabled) still resolves.
 */
export function advanceAlerts(
  slots: readonly RuleSlot[],
  horizon: readonly WindowEvaluation[],
  context: LifecycleContext,
): { slots: RuleSlot[]; changes: AlertChange[] } {
  const rules = new Set<DriftRule>(slots.map((s) => s.rule));
  for (const w of horizon) for (const o of w.outcomes) rules.add(o.rule);
  const changes = new Map<string, AlertChange>();
  const next = [...rules].map((rule) =>
    advanceRule(
      slots.find((s) => s.rule === rule) ?? { rule, open: null, coveredUntil: null },
      horizon,
      context,
      changes,
    ),
  );
  return { slots: next, changes: [...changes.values()] };
}
