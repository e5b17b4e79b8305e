// Alerts as people and webhooks see them: listing, acknowledging, and the notifications the
// check-drift job queues when an alert opens or resolves.
import type { AlertsConfig } from '../config.js';
import type { AlertChange } from '../core/alerts/lifecycle.js';
import { readEvidence, type AlertEvidence } from '../core/alerts/evidence.js';
import { webhookBody } from '../core/alerts/payload.js';
import type { AlertStatus } from '../core/alerts/status.js';
import { InputError } from '../core/errors.js';
import { displayReason } from '../core/public-error.js';
import type { Logger } from '../logger.js';
import type { AlertStore, Delivery, StoredAlert } from '../store/alerts.js';
import { WebhookSender } from '../webhooks/sender.js';
import type { ReportService } from './reports.js';

export interface AlertView extends StoredAlert {
  status: AlertStatus;
  /** The evidence JSON typed per rule; null when the stored JSON is damaged. */
  findings: AlertEvidence | null;
}

export interface DeliverySummary {
  sent: number;
  failed: number;
  /** Alerts with notifications left for the next run (the run was stopped, or retries remain). */
  pending: string[];
}

export const MAX_ALERTS_LISTED = 1000;

const statusOf = (a: StoredAlert): AlertStatus =>
  a.resolvedAt ? 'RESOLVED' : a.acknowledgedAt ? 'ACKNOWLEDGED' : 'OPEN';
// A delivery's error is shown by the API: only coded text (older records may hold raw answers).
const view = (a: StoredAlert): AlertView => ({
  ...a,
  status: statusOf(a),
  findings: readEvidence(a.rule, a.evidence),
  deliveries: a.deliveries.map((d) => ({ ...d, lastError: displayReason(d.lastError) })),
});
const ORDER: Record<AlertStatus, number> = { OPEN: 0, ACKNOWLEDGED: 1, RESOLVED: 2 };

export class AlertService {
  private readonly sender: WebhookSender;

  constructor(
    private readonly store: AlertStore,
    private readonly reports: ReportService,
    private readonly config: AlertsConfig,
    log: Logger,
  ) {
    this.sender = new WebhookSender(config.webhooks, log);
  }

  /** Open first, then acknowledged (each most recently seen first), then resolved (latest first). */
  async list(status: AlertStatus | null, model: string | null, limit: number): Promise<AlertView[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALERTS_LISTED)
      throw new InputError('limit', `must be between 1 and ${MAX_ALERTS_LISTED}, got ${limit}`);
    const name = model === null ? null : await this.reports.resolveModel(model);
    const active =
      status === 'RESOLVED'
        ? []
        : (await this.store.unresolved(name))
            .map(view)
            .filter((a) => status === null || a.status === status)
            .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
    const room = limit - active.length;
    const resolved =
      status === null || status === 'RESOLVED' ? (room > 0 ? await this.store.resolved(name, room) : []) : [];
    return [...active, ...resolved.map(view)].slice(0, limit);
  }

  /** Acknowledged alerts stay deduplicated and still resolve by themselves. */
  async acknowledge(id: string, now = new Date()): Promise<AlertView> {
    const [alert] = await this.store.get([id]);
    if (!alert) throw new InputError('id', `no alert with id "${id}"`);
    await this.store.acknowledge(id, now);
    const [updated] = await this.store.get([id]);
    return view(updated ?? alert);
  }

  /**
   * Writes the changed alerts and queues one delivery per event and webhook; a change replayed
   * after a crash queues nothing twice. Returns the alerts with deliveries to make.
   */
  async record(changes: readonly AlertChange[]): Promise<string[]> {
    const queued: string[] = [];
    const existing = new Map((await this.store.get(changes.map((c) => c.alert.id))).map((a) => [a.id, a]));
    for (const { alert, events } of changes) {
      await this.store.save(alert);
      const deliveries = [...(existing.get(alert.id)?.deliveries ?? [])];
      for (const event of events) {
        this.config.webhooks.urls.forEach((url, webhook) => {
          if (deliveries.some((d) => d.event === event && d.webhook === webhook)) return;
          deliveries.push({
            webhook,
            target: new URL(url).origin,
            event,
            state: 'PENDING',
            attempts: 0,
            lastStatus: null,
            deliveredAt: null,
            lastError: null,
          });
        });
      }
      if (deliveries.length > (existing.get(alert.id)?.deliveries.length ?? 0))
        await this.store.setDeliveries(alert.id, deliveries);
      if (deliveries.some((d) => d.state === 'PENDING')) queued.push(alert.id);
    }
    return queued;
  }

  /** Makes the pending deliveries of these alerts (each webhook with its own retries). */
  async deliver(ids: readonly string[], signal: AbortSignal): Promise<DeliverySummary> {
    const summary: DeliverySummary = { sent: 0, failed: 0, pending: [] };
    for (const alert of await this.store.get(ids)) {
      const deliveries: Delivery[] = [];
      for (const delivery of alert.deliveries)
        deliveries.push(delivery.state === 'PENDING' ? await this.send(alert, delivery, signal) : delivery);
      await this.store.setDeliveries(alert.id, deliveries);
      for (const [before, after] of deliveries.map((d, i) => [alert.deliveries[i], d] as const)) {
        if (before?.state !== 'PENDING') continue;
        if (after.state === 'DELIVERED') summary.sent++;
        if (after.state === 'FAILED') summary.failed++;
      }
      if (deliveries.some((d) => d.state === 'PENDING')) summary.pending.push(alert.id);
    }
    return summary;
  }

  private async send(alert: StoredAlert, delivery: Delivery, signal: AbortSignal): Promise<Delivery> {
    const url = this.config.webhooks.urls[delivery.webhook];
    // The list changed since the delivery was queued: its webhook is no longer configured.
    if (url === undefined || new URL(url).origin !== delivery.target)
      return { ...delivery, state: 'FAILED', lastError: 'NOT_CONFIGURED: this webhook is no longer configured' };
    return this.sender.deliver(url, webhookBody(alert, delivery.event, this.config.webhooks.format), delivery, signal);
  }
}
