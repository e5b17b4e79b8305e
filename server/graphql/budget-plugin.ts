// Refuses an operation whose estimated cost is over CLARA_MAX_QUERY_COST once it is validated
// and chosen, before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError, OperationTypeNode } from 'graphql';
import type { Context } from './context.js';
import { operationCost, type CostSettings } from './cost.js';

export const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: TOO_COMPLEX, field: 'query', http: { status: 400 } } });
}

export function budgetPlugin(settings: CostSettings, maxCost: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          // A mutation's variables are its (already bounded) batch: only queries' ranges and limits are priced.
          let variables: Record<string, unknown> = {};
          if (operation.operation === OperationTypeNode.QUERY) {
            const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
              maxErrors: 1,
            });
            if (coerced.coerced) variables = coerced.coerced;
          }
          const cost = operationCost(schema, document, operation, variables, settings);
          if (cost > maxCost) {
            throw tooComplex(
              `query: costs about ${Math.round(cost).toLocaleString('en-US')}, more than the limit of ${maxCost.toLocaleString('en-US')} (fields and aliases, list items, series points and rollup blocks read); ask for less, or split it into several requests`,
            );
          }
        },
      };
    },
  };
}
