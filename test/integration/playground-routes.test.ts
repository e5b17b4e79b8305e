// /graphql answers browsers with the playground page and API clients with JSON; the dashboard's
// files carry the cache and CORS headers that embedding and releases rely on.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../server/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('routes');
});
afterAll(() => app.close());

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

test('browsers get the playground at /graphql and /playground', async () => {
  for (const path of ['/graphql', '/playground']) {
    const res = await fetch(`${app.url}${path}`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="playground">');
  }
});

test('API clients keep GraphQL over GET and POST at /graphql', async () => {
  const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ models { name } }')}`, {
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
  });
  expect(get.status).toBe(200);
  expect(await get.json()).toEqual({ data: { models: [{ name: 'default' }] } });
  // A browser-like GET that carries an operation is an API call, not a page visit.
  const linked = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ models { name } }')}`, {
    headers: { ...html, 'apollo-require-preflight': 'true' },
  });
  expect(linked.headers.get('content-type')).toContain('application/json');
  const post = await app.gql<{ models: { name: string }[] }>('{ models { name } }');
  expect(post.data).toEqual({ models: [{ name: 'default' }] });
});

test('embed.js has a stable URL any site may load; hashed assets are immutable', async () => {
  const embed = await fetch(`${app.url}/embed.js`, { headers: { origin: 'https://portal.example' } });
  expect(embed.status).toBe(200);
  expect(embed.headers.get('content-type')).toContain('text/javascript');
  expect(embed.headers.get('cache-control')).toBe('no-cache');
  expect(embed.headers.get('access-control-allow-origin')).toBe('*');
  const chunk = /from\s*"\.\/(assets\/[^"]+\.js)"|import\s*"\.\/(assets\/[^"]+\.js)"/.exec(await embed.text());
  const path = chunk?.[1] ?? chunk?.[2];
  expect(path).toBeDefined();
  const asset = await fetch(`${app.url}/${path}`);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(asset.headers.get('access-control-allow-origin')).toBe('*');
  expect(readdirSync(join(projectRoot, 'dashboard', 'dist')).sort()).toEqual([
    'assets',
    'embed.js',
    'index.html',
    'playground.html',
  ]);
});

test("the IDE's introspection query (schema, docs, autocompletion) passes the depth limit", async () => {
  const { getIntrospectionQuery } = await import('graphql');
  const res = await app.gql<{ __schema: { queryType: { name: string } } }>(
    getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.__schema.queryType.name).toBe('Query');
});

test('introspection that cycles through fields and types still meets the depth limit', async () => {
  const cycle = 'fields { type { ofType { name '.repeat(6) + 'name' + ' } } }'.repeat(6);
  const res = await app.gql(`{ __schema { types { ${cycle} } } }`);
  expect(res.errors?.[0]?.message).toMatch(/nested \d+ levels deep, the limit is 12/);
});
