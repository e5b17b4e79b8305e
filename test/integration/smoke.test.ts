import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('smoke');
});
afterAll(() => app.close());

test('records predictions and reports them', async () => {
  const rec = await app.gql(
    `mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted rejected{index message} } }`,
    {
      p: [
        { id: '1', predictedAt: '2026-01-01T10:00:00Z', predicted: 'cat', actual: 'cat', confidence: 0.9 },
        { id: '2', predictedAt: '2026-01-01T10:20:00Z', predicted: 'dog', actual: 'cat' },
        { id: '3', predictedAt: '2026-01-02T10:20:00Z', predicted: 'dog' },
      ],
    },
  );
  expect(rec.errors).toBeUndefined();
  expect(rec.data).toEqual({ recordPredictions: { accepted: 3, rejected: [] } });
  const res = await app.gql<{
    metrics: { overall: { predictions: number; validated: number; accuracy: number }; series: unknown[] };
  }>(
    `{ metrics(range:{from:"2026-01-01T00:00:00Z", to:"2026-01-03T00:00:00Z"}){ overall{predictions validated accuracy} series{start end values{predictions}} } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.metrics.overall).toEqual({ predictions: 3, validated: 2, accuracy: 0.5 });
  expect(res.data?.metrics.series).toHaveLength(2);
});

test('health and readiness endpoints answer for orchestrators', async () => {
  const health = await fetch(`${app.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${app.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
});
