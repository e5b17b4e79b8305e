import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';

/** Mutations change data: they need `Authorization: Bearer <CLARA_API_TOKEN>`. */
export const RequireToken: MiddlewareFn<Context> = async ({ context }, next) => {
  if (!context.tokenConfigured) {
    throw new GraphQLError('Mutations are disabled: set CLARA_API_TOKEN on the server and send it as "Authorization: Bearer <token>".', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (!context.authorized) {
    throw new GraphQLError('Missing or wrong API token: send "Authorization: Bearer <CLARA_API_TOKEN>".', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return next();
};
