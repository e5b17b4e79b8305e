import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../server/core/alerts/lifecycle.js';
import { webhookBody, webhookPayload } from '../../server/core/alerts/payload.js';
import { signBody } from '../../server/webhooks/sender.js';

const alert: AlertRecord = {
  id: 'accuracy-drop:1772323200000:fraud',
  model: 'fraud',
  rule: 'accuracy-drop',
  severity: 'critical',
  openedAt: new Date('2026-03-02T01:00:00Z'),
  lastSeenAt: new Date('2026-03-03T01:00:00Z'),
  resolvedAt: new Date('2026-03-06T01:00:00Z'),
  firstWindow: { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') },
  lastWindow: { start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') },
  firedWindows: 2,
  message: 'Model "fraud": accuracy fell 12 points below the 4 previous windows.',
  evidence: JSON.stringify({ value: 0.12, threshold: 0.05, samples: { current: 800, reference: 3000 } }),
};

describe('webhook payloads', () => {
  it('json: the event, a stable event id, the alert with its evidence as an object', () => {
    expect(webhookPayload(alert, 'opened')).toEqual({
      event: 'alert.opened',
      eventId: 'accuracy-drop:1772323200000:fraud/opened',
      alert: {
        id: alert.id,
        model: 'fraud',
        rule: 'accuracy-drop',
        severity: 'critical',
        status: 'OPEN',
        openedAt: '2026-03-02T01:00:00.000Z',
        lastSeenAt: '2026-03-03T01:00:00.000Z',
        resolvedAt: null,
        window: { start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' },
        message: alert.message,
        evidence: { value: 0.12, threshold: 0.05, samples: { current: 800, reference: 3000 } },
      },
    });
    expect(webhookPayload(alert, 'resolved').alert).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: '2026-03-06T01:00:00.000Z',
    });
  });

  it('slack: only a text field naming the rule, model, severity and message', () => {
    const body = JSON.parse(webhookBody(alert, 'opened', 'slack')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain('[critical] accuracy-drop on model "fraud"');
    expect(body.text).toContain(alert.message);
    expect(JSON.parse(webhookBody(alert, 'resolved', 'slack')).text).toMatch(/^:white_check_mark: Resolved/);
  });

  it('signature: sha256= and the hex HMAC-SHA256 of the exact body', () => {
    const body = webhookBody(alert, 'opened', 'json');
    const expected = createHmac('sha256', 'shh').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signBody('shh', body)).toBe(`sha256=${expected}`);
    expect(signBody('other', body)).not.toBe(signBody('shh', body));
  });
});
