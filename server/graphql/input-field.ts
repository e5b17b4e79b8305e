// Names the input a client got wrong when graphql-js does not: a variable that does not coerce
// (by its path in `variables`, e.g. r.from) or a literal in the query text (by its argument path,
// e.g. range.to or predictions[0].confidence).
import { GraphQLError, Kind, parse, visit, type ASTNode, type ValueNode } from 'graphql';

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);
const VARIABLE = /^Variable "\$(\w+)"/;
const VARIABLE_PATH = / at "([\w.[\]]+)"; /;

function* chain(error: unknown): Generator<GraphQLError> {
  for (let e: unknown = error; e instanceof GraphQLError; e = e.originalError) yield e;
}

const isValue = (node: ASTNode | undefined): node is ValueNode => node !== undefined && VALUE_KINDS.has(node.kind);

/** A literal value in the query text that its argument's type refuses. */
export function isBadLiteral(error: unknown): boolean {
  for (const e of chain(error)) if (isValue(e.nodes?.[0])) return true;
  return false;
}

function pathTo(value: ValueNode, start: number, at: string): string | undefined {
  if (value.loc?.start === start) return at;
  if (value.kind === Kind.OBJECT) {
    for (const f of value.fields) {
      const found = pathTo(f.value, start, `${at}.${f.name.value}`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [i, v] of value.values.entries()) {
      const found = pathTo(v, start, `${at}[${i}]`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The query text is parsed again: graphql-js's AST has no parent links to walk up from the value. */
function literalPath(e: GraphQLError): string | undefined {
  const node = e.nodes?.[0];
  if (!isValue(node) || !node.loc || !e.source) return undefined;
  const start = node.loc.start;
  let found: string | undefined;
  visit(parse(e.source), {
    Argument(argument) {
      found ??= pathTo(argument.value, start, argument.name.value);
    },
  });
  return found;
}

export function inputField(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.extensions.field === 'string') return e.extensions.field;
    const variable = VARIABLE.exec(e.message);
    if (variable) return VARIABLE_PATH.exec(e.message)?.[1] ?? variable[1];
    const literal = literalPath(e);
    if (literal) return literal;
  }
  return undefined;
}
