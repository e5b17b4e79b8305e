import { expect, test } from 'vitest';
import { createClient, RequestError } from '../../dashboard/src/client/graphql-client.js';
import { ModelsDocument } from '../../dashboard/src/gql/graphql.js';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(reply: () => Promise<Response>, sent: Sent[] = []): typeof fetch {
  return ((url: string, init: RequestInit) => {
    sent.push({ url, init });
    return reply();
  }) as typeof fetch;
}

const json = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

test('sends the operation as JSON and returns its data', async () => {
  const sent: Sent[] = [];
  const client = createClient('http://api/graphql', {
    token: 'secret',
    fetch: fakeFetch(() => json(200, { data: { models: [] } }), sent),
  });
  expect(await client.request(ModelsDocument, {})).toEqual({ models: [] });
  const headers = sent[0].init.headers as Record<string, string>;
  expect(sent[0].url).toBe('http://api/graphql');
  expect(headers['content-type']).toBe('application/json');
  expect(headers.authorization).toBe('Bearer secret');
  expect(JSON.parse(String(sent[0].init.body))).toEqual({ query: ModelsDocument.toString(), variables: {} });
});

test('GraphQL errors surface with their code', async () => {
  const client = createClient('x', {
    fetch: fakeFetch(() =>
      json(200, { errors: [{ message: 'unknown model "m"', extensions: { code: 'BAD_USER_INPUT' } }] }),
    ),
  });
  const error = await client.request(ModelsDocument, {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestError);
  expect(error).toMatchObject({ kind: 'graphql', code: 'BAD_USER_INPUT', message: 'unknown model "m"' });
});

test('an unreachable API and a non-GraphQL answer are told apart', async () => {
  const down = createClient('http://gone/graphql', {
    fetch: fakeFetch(() => Promise.reject(new TypeError('fetch failed'))),
  });
  await expect(down.request(ModelsDocument, {})).rejects.toMatchObject({
    kind: 'network',
    message: 'Cannot reach the API at http://gone/graphql',
  });
  const proxy = createClient('x', {
    fetch: fakeFetch(() => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }))),
  });
  await expect(proxy.request(ModelsDocument, {})).rejects.toMatchObject({ kind: 'http', status: 502 });
});

test('identical requests in flight share one call; later ones call again', async () => {
  const sent: Sent[] = [];
  const client = createClient('x', { fetch: fakeFetch(() => json(200, { data: { models: [] } }), sent) });
  await Promise.all([client.request(ModelsDocument, {}), client.request(ModelsDocument, {})]);
  expect(sent).toHaveLength(1);
  await client.request(ModelsDocument, {});
  expect(sent).toHaveLength(2);
});
