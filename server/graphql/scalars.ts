import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { INSTANT_HINT, parseInstant } from '../core/instant.js';

/** `node`: the literal in the query text, so the error can point at it (and name its field). */
function parse(value: unknown, node?: ValueNode): Date {
  const date = typeof value === 'string' ? parseInstant(value) : null;
  if (date) return date;
  throw new GraphQLError(`DateTime must be ${INSTANT_HINT}; got ${JSON.stringify(value)}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as ISO-8601 with an offset (inputs); outputs are always UTC with Z.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    throw new TypeError('DateTime can only serialize Date values');
  },
  parseValue: (value) => parse(value),
  parseLiteral(ast) {
    return parse(ast.kind === Kind.STRING ? ast.value : undefined, ast);
  },
});
