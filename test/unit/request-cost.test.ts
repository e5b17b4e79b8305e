import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import * as dashboard from '../../dashboard/src/gql/graphql.js';
import { parseConfig } from '../../server/config.js';
import { countBlocks, decompose } from '../../server/core/grid.js';
import { operationCost, RAW_SLIVER_COST, type CostSettings } from '../../server/graphql/cost.js';
import { buildClaraSchema } from '../../server/graphql/schema.js';
import { seeded } from '../support/random.js';

const SETTINGS: CostSettings = {
  points: 5_000,
  spanMs: 3660 * 86_400_000,
  blocks: 20_000,
  timeZone: 'UTC',
  baselineWindows: 4,
  listSize: 10,
};
let schema: Awaited<ReturnType<typeof buildClaraSchema>>;
beforeAll(async () => {
  schema = await buildClaraSchema();
});

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, variables, SETTINGS);
}

describe('countBlocks', () => {
  test('equals what decompose builds, on random windows of every size', () => {
    const random = seeded(7);
    for (let i = 0; i < 2_000; i++) {
      const start = Date.UTC(2026, 0, 1) + Math.floor(random() * 40 * 86_400_000);
      const span = Math.floor(random() ** 3 * 30 * 86_400_000) + 1;
      const aligned = random() < 0.5 ? Math.floor(start / 900_000) * 900_000 : start;
      const w = {
        start: new Date(aligned),
        end: new Date(aligned + (random() < 0.5 ? Math.ceil(span / 900_000) * 900_000 : span)),
      };
      const built = decompose(w);
      expect(countBlocks(w)).toEqual({ blocks: built.blocks.length, rawEdges: built.rawEdges.length });
    }
  });

  test('prices years 0000 to 9999 at once, without building anything', () => {
    expect(countBlocks({ start: new Date('0000-01-01T00:00:00Z'), end: new Date('9999-12-31T00:00:00Z') }).blocks).toBe(
      3_652_424,
    );
  });
});

describe('operationCost', () => {
  const DAY = '{ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }';

  test('every field counts, and so does every alias', () => {
    expect(cost('{ models { name } }')).toBe(1 + 10 * 1);
    expect(cost('{ a: models { name } b: models { name } }')).toBe(2 * 11);
  });

  test('a series counts its points and the blocks it reads; raw slivers count more', () => {
    // 24 HOUR points, one HOUR block each: the report, 24 blocks, the series field and 24 × (start, end).
    expect(cost(`{ metrics(range: ${DAY}, granularity: HOUR) { series { start end } } }`)).toBe(1 + 24 + 1 + 24 * 2);
    expect(cost(`{ metricsByClass(range: ${DAY}) { label } }`)).toBe(1 + 1 + 10);
    const ragged = '{ from: "2026-01-01T00:00:30Z", to: "2026-01-02T00:00:00Z" }';
    expect(cost(`{ metricsByClass(range: ${ragged}) { label } }`)).toBe(1 + 23 + 3 + RAW_SLIVER_COST + 10);
  });

  test('ranges passed as variables count the same as literals', () => {
    const literal = cost(`{ metrics(range: ${DAY}, granularity: HOUR) { overall { accuracy } } }`);
    const variable = cost(
      'query($r: TimeRangeInput!) { metrics(range: $r, granularity: HOUR) { overall { accuracy } } }',
      {
        r: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') },
      },
    );
    expect(variable).toBe(literal);
  });

  test('a limit argument is the length of its list', () => {
    expect(cost('{ jobRuns(limit: 500) { id } }')).toBe(1 + 500);
  });

  test('fragments spreading each other twice per level are priced once each (2^40 expansions, priced at once)', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    expect(cost(`query { ...F0 }\n${fragments}\nfragment F40 on Query { models { name } }`)).toBe(2 ** 40 * 11);
  });

  test('ranges the field refuses anyway cost nothing to refuse', () => {
    expect(
      cost('{ metricsByClass(range: { from: "0000-01-01T00:00:00Z", to: "9999-01-01T00:00:00Z" }) { label } }'),
    ).toBe(1 + 10);
  });
});

describe("the dashboard's own queries fit the default budget at their largest", () => {
  const zone = 'Europe/Berlin';
  const year = { from: new Date('2024-12-31T23:00:00Z'), to: new Date('2025-12-31T23:00:00Z') };
  const previous = { from: new Date('2023-12-31T23:00:00Z'), to: year.from };
  const variables = {
    model: null,
    range: year,
    previous,
    granularity: 'DAY',
    timeZone: zone,
    limit: 1000,
    by: 'ACTUAL',
    reference: 'TRAINING',
    status: null,
    id: 'x',
    name: 'x',
  };
  const documents = Object.entries(dashboard).filter(([name]) => name.endsWith('Document'));

  test.each(documents)('%s', (_, document) => {
    const budget = parseConfig({}).limits.queryCost;
    const text = String(document);
    const used = cost(text, variables);
    expect(used).toBeGreaterThan(0);
    // The alerts panel at 1,000 alerts with every evidence figure is the largest, at about 2/3.
    expect(used).toBeLessThan(budget);
  });
});
