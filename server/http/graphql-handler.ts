// POST/GET /graphql through Apollo, with our body limit, CORS, the preflight refusals and auth context.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '../graphql/context.js';
import type { ApiServices } from '../services/index.js';
import { accessOf, type Tokens } from './access.js';
import { BodyTooLargeError, readBody } from './body.js';
import { preflight, type PreflightSettings } from './graphql-preflight.js';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<Context>;
  services: () => ApiServices | null;
  tokens: Tokens;
  bodyLimit: number;
  limits: Pick<PreflightSettings, 'maxOperations' | 'maxFields' | 'maxTokens'>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function graphqlHandler(options: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const services = options.services();
    if (!services)
      return sendJson(res, 503, {
        errors: [
          { message: 'The database is not reachable yet; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } },
        ],
      });
    let raw = '';
    try {
      if (req.method === 'POST') raw = await readBody(req, options.bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, {
          errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE', field: 'body' } }],
        });
      }
      throw error;
    }
    let body: unknown = raw;
    if (raw && (req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, {
          errors: [{ message: 'body: not valid JSON', extensions: { code: 'BAD_REQUEST', field: 'body' } }],
        });
      }
    }
    const access = accessOf(req, options.tokens);
    const tokenConfigured = options.tokens.apiToken !== null;
    const refusal = preflight(req.method ?? 'GET', url, body, access, {
      ...options.limits,
      protectReads: options.tokens.protectReads,
      tokenConfigured,
    });
    if (refusal) {
      if (refusal.status === 401) res.setHeader('www-authenticate', 'Bearer');
      return sendJson(res, refusal.status, {
        errors: [
          {
            message: refusal.message,
            extensions: { code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}) },
          },
        ],
      });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({ services, authorized: access === 'write', tokenConfigured }),
    });
    // Live data: no shared or browser cache may keep an answer.
    res.setHeader('cache-control', 'no-store');
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
