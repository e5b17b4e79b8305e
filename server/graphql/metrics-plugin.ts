// Counts and times every GraphQL operation for /metrics. Operations are named by their type and
// root fields (bounded by the schema), never by the client's operation name (unbounded).
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Telemetry } from '../services/telemetry.js';
import type { Context } from './context.js';

export function metricsPlugin(telemetry: Telemetry): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'invalid';
      return {
        async didResolveOperation({ operation: op }) {
          if (!op) return;
          const fields = op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
          operation = `${op.operation} ${[...new Set(fields)].sort().join(',') || '(fragments)'}`;
        },
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          telemetry.request(operation, failed ? 'error' : 'ok', Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
