// What a client sees of an error: its own mistakes in full, our faults without internals.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseDown } from '../core/public-error.js';
import { unwrapResolverError } from '@apollo/server/errors';
import { InputError } from '../core/errors.js';
import type { Logger } from '../logger.js';
import { TOO_COMPLEX } from './budget-plugin.js';
import type { Context } from './context.js';
import { inputField, isBadLiteral } from './input-field.js';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  TOO_COMPLEX,
]);

function causedByBadInput(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e instanceof GraphQLError ? e.originalError : undefined) {
    if (e instanceof GraphQLError && e.extensions.code === 'BAD_USER_INPUT') return true;
  }
  return false;
}

export const UNAVAILABLE = 'DATABASE_UNAVAILABLE';

/** Answers 503 with Retry-After when the database is unavailable, so clients and proxies retry. */
export function unavailablePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (!errors?.some((e) => e.extensions?.code === UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        },
      };
    },
  };
}

/** Messages may quote what the client sent (a 5,000-character name, say): they stay short. */
const MAX_MESSAGE = 500;
const short = (message: string) => (message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message);

export function formatError(log: Logger) {
  const format = clientError(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: short(result.message) };
  };
}

function clientError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof InputError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', field: original.field },
      };
    }
    // A scalar that rejects a literal in the query text reaches us as a validation failure.
    if (causedByBadInput(error) || isBadLiteral(error)) {
      const field = inputField(error);
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
      };
    }
    // graphql-js stops validating a document whose overlapping fields would take too long to compare.
    if (formatted.message === 'Validation aborted.') {
      return {
        message:
          'query: too complex to validate (many fields or fragments with the same name in one selection); simplify it',
        extensions: { code: TOO_COMPLEX, field: 'query' },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const field = formatted.extensions?.field;
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, ...(typeof field === 'string' ? { field } : {}) },
      };
    }
    if (isDatabaseDown(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable while answering a GraphQL request');
      return {
        message: 'the database did not answer; try again shortly',
        path: formatted.path,
        extensions: { code: UNAVAILABLE },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while answering a GraphQL request');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
