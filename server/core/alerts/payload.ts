// The body a webhook receives when an alert opens or resolves. It carries the alert and its
// evidence, never a setting: no URL, no secret.
import type { AlertEvent, AlertRecord } from './lifecycle.js';

export type WebhookFormat = 'json' | 'slack';

export interface WebhookPayload {
  event: `alert.${AlertEvent}`;
  /** Stable across retries and repeated runs, so a receiver can drop duplicates. */
  eventId: string;
  alert: {
    id: string;
    model: string;
    rule: string;
    severity: string;
    status: 'OPEN' | 'RESOLVED';
    openedAt: string;
    lastSeenAt: string;
    resolvedAt: string | null;
    window: { start: string; end: string };
    message: string;
    evidence: unknown;
  };
}

export function webhookPayload(alert: AlertRecord, event: AlertEvent): WebhookPayload {
  return {
    event: `alert.${event}`,
    eventId: `${alert.id}/${event}`,
    alert: {
      id: alert.id,
      model: alert.model,
      rule: alert.rule,
      severity: alert.severity,
      status: event === 'resolved' ? 'RESOLVED' : 'OPEN',
      openedAt: alert.openedAt.toISOString(),
      lastSeenAt: alert.lastSeenAt.toISOString(),
      resolvedAt: event === 'resolved' && alert.resolvedAt ? alert.resolvedAt.toISOString() : null,
      window: { start: alert.lastWindow.start.toISOString(), end: alert.lastWindow.end.toISOString() },
      message: alert.message,
      evidence: JSON.parse(alert.evidence) as unknown,
    },
  };
}

/** Slack incoming webhooks (and compatible tools: Mattermost, Rocket.Chat) show `text`. */
function slackText(alert: AlertRecord, event: AlertEvent): string {
  if (event === 'resolved')
    return `:white_check_mark: Resolved [${alert.severity}] ${alert.rule} on model "${alert.model}" (${alert.id}). Last: ${alert.message}`;
  return `:rotating_light: [${alert.severity}] ${alert.rule} on model "${alert.model}" (${alert.id}): ${alert.message}`;
}

export function webhookBody(alert: AlertRecord, event: AlertEvent, format: WebhookFormat): string {
  return JSON.stringify(format === 'slack' ? { text: slackText(alert, event) } : webhookPayload(alert, event));
}
