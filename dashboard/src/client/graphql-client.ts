// A small fetch client for the codegen documents: types flow from the operation, none written by hand.
import type { TypedDocumentString } from '../gql/graphql.js';

export type RequestErrorKind = 'network' | 'http' | 'graphql';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly kind: RequestErrorKind,
    readonly status: number | null = null,
    /** extensions.code of the first GraphQL error, e.g. BAD_USER_INPUT. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface ClientOptions {
  token?: string | null;
  fetch?: typeof fetch;
}

interface Reply {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

export interface GraphQLClient {
  request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R>;
}

function asReply(body: unknown): Reply | null {
  return typeof body === 'object' && body !== null ? body : null;
}

/**
 * POSTs operations as JSON (Apollo's CSRF prevention accepts that without extra headers).
 * Identical requests in flight share one response: the panels of a tab often ask the same question.
 */
export function createClient(endpoint: string, options: ClientOptions = {}): GraphQLClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const inFlight = new Map<string, Promise<unknown>>();

  async function send(body: string): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await doFetch(endpoint, { method: 'POST', headers, body });
    } catch {
      throw new RequestError(`Cannot reach the API at ${endpoint}`, 'network');
    }
    const reply = asReply(await res.json().catch(() => null));
    const first = reply?.errors?.[0];
    if (first)
      throw new RequestError(
        first.message ?? 'The API reported an error',
        'graphql',
        res.status,
        first.extensions?.code ?? null,
      );
    if (!res.ok || !reply || reply.data === undefined || reply.data === null) {
      throw new RequestError(`The API answered HTTP ${res.status}`, 'http', res.status);
    }
    return reply.data;
  }

  return {
    request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
      const body = JSON.stringify({ query: document.toString(), variables });
      const key = `${options.token ?? ''}\n${body}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = send(body).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending as Promise<R>;
    },
  };
}

const shared = new Map<string, GraphQLClient>();

/** The API of the server that served this script: embeds work without an endpoint attribute. */
export const DEFAULT_ENDPOINT = new URL(/* @vite-ignore */ '/graphql', import.meta.url).href;

/** One client per endpoint and token, so every panel on a page shares the in-flight requests. */
export function sharedClient(endpoint: string = DEFAULT_ENDPOINT, token: string | null = null): GraphQLClient {
  const key = `${endpoint}\n${token ?? ''}`;
  let client = shared.get(key);
  if (!client) {
    client = createClient(endpoint, { token });
    shared.set(key, client);
  }
  return client;
}
