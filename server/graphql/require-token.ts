import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';

/** Why a mutation was refused, and how to fix it. */
export function writeTokenNeeded(tokenConfigured: boolean): string {
  return tokenConfigured
    ? 'Missing or wrong API token: send "Authorization: Bearer <CLARA_API_TOKEN>".'
    : 'Mutations are disabled: set CLARA_API_TOKEN on the server and send it as "Authorization: Bearer <token>".';
}

/**
 * Mutations change data: they need `Authorization: Bearer <CLARA_API_TOKEN>`. The HTTP handler
 * refuses them before parsing their arguments; this is the second lock, for any other way in.
 */
export const RequireToken: MiddlewareFn<Context> = async ({ context }, next) => {
  if (!context.authorized)
    throw new GraphQLError(writeTokenNeeded(context.tokenConfigured), { extensions: { code: 'UNAUTHENTICATED' } });
  return next() as Promise<unknown>;
};
