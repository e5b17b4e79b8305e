// How a checking job hands its alert changes on: alerts first, then the state that points at them
// (with the alerts still to notify), then the notifications. A crash in between replays the same
// changes, and an alert's notification is sent by a later run when this one could not.
import type { AlertChange } from '../core/alerts/lifecycle.js';
import type { ModelDriftState } from '../core/drift-rules/check.js';
import type { DriftStateStore, StoredDriftState } from '../store/drift-state.js';
import type { AlertService, DeliverySummary } from './alerts.js';

/** The alert side of a check: record changes, then notify. */
export type AlertOutbox = Pick<AlertService, 'record' | 'deliver'>;
/** Where a check keeps its state and the alerts it still has to notify. */
export type AlertStates = Pick<DriftStateStore, 'get' | 'put'>;

export async function commitAlerts(
  alerts: AlertOutbox,
  states: AlertStates,
  key: string,
  stored: StoredDriftState,
  next: ModelDriftState,
  changes: readonly AlertChange[],
  signal: AbortSignal,
  now: Date,
): Promise<DeliverySummary> {
  const queued = await alerts.record(changes);
  const outbox = [...new Set([...stored.outbox, ...queued])];
  await states.put(key, { state: next, outbox }, now);
  const delivered = await alerts.deliver(outbox, signal);
  if (delivered.pending.length !== outbox.length)
    await states.put(key, { state: next, outbox: delivered.pending }, now);
  return delivered;
}
