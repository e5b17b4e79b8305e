// POST/GET /graphql through Apollo, with our body limit, CORS and auth context.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '../graphql/context.js';
import type { Services } from '../services/index.js';
import { BodyTooLargeError, readBody } from './body.js';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<Context>;
  services: () => Services | null;
  apiToken: string | null;
  bodyLimit: number;
}

function tokenMatches(header: string | undefined, token: string | null): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function graphqlHandler(options: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const services = options.services();
    if (!services) return sendJson(res, 503, { errors: [{ message: 'The database is not reachable yet; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    let raw = '';
    try {
      if (req.method === 'POST') raw = await readBody(req, options.bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE', field: 'body' } }] });
      }
      throw error;
    }
    let body: unknown = raw;
    if (raw && (req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'body: not valid JSON', extensions: { code: 'BAD_REQUEST', field: 'body' } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({ services, authorized: tokenMatches(req.headers.authorization, options.apiToken), tokenConfigured: options.apiToken !== null }),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
