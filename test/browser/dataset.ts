// The known dataset the browser tests draw: few enough rows that every expected figure in the tests
// can be worked out by hand (see the comments there).
import type { TestApp } from '../support/app.js';

/** [id, predictedAt, predicted, actual] — actual null: not validated. */
type Row = [string, string, string, string | null];

const ROWS: Row[] = [
  // previous week (the overview's comparison period): 2 predictions, both right
  ['p1', '2026-01-02T10:00:00Z', 'cat', 'cat'],
  ['p2', '2026-01-02T11:00:00Z', 'dog', 'dog'],
  // Mon 5 Jan: 4 validated, 3 right
  ['a1', '2026-01-05T09:00:00Z', 'cat', 'cat'],
  ['a2', '2026-01-05T10:00:00Z', 'cat', 'cat'],
  ['a3', '2026-01-05T11:00:00Z', 'dog', 'dog'],
  ['a4', '2026-01-05T12:00:00Z', 'cat', 'dog'],
  // Tue 6 Jan: 3 predictions, none validated
  ['b1', '2026-01-06T09:00:00Z', 'cat', null],
  ['b2', '2026-01-06T10:00:00Z', 'dog', null],
  ['b3', '2026-01-06T11:00:00Z', 'dog', null],
  // Wed 7 Jan: 2 validated, 1 right
  ['c1', '2026-01-07T09:00:00Z', 'bird', 'bird'],
  ['c2', '2026-01-07T10:00:00Z', 'dog', 'cat'],
];

export const WEEK = { from: '2026-01-05T00:00:00.000Z', to: '2026-01-12T00:00:00.000Z' };

async function mutate(app: TestApp, query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await app.gql(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

export async function seed(app: TestApp): Promise<void> {
  const record = `mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`;
  await mutate(app, record, {
    p: ROWS.map(([id, predictedAt, predicted, actual]) => ({
      id,
      predictedAt,
      predicted,
      ...(actual ? { actual } : {}),
    })),
  });
  // A second model, for the model selector.
  await mutate(app, record, {
    p: [{ id: 'o1', model: 'beta', predictedAt: '2026-01-05T09:00:00Z', predicted: 'cat', actual: 'dog' }],
  });
  await mutate(app, `mutation($c:[ClassCountInput!]!){ setTrainingDistribution(counts:$c){ label } }`, {
    c: [
      { label: 'cat', count: 50 },
      { label: 'dog', count: 30 },
      { label: 'bird', count: 20 },
    ],
  });
}

export function dashboardUrl(base: string, params: Record<string, string> = {}): string {
  return `${base}/?${new URLSearchParams({ from: WEEK.from, to: WEEK.to, granularity: 'DAY', tz: 'UTC', ...params }).toString()}`;
}
