// Names the input a client got wrong when graphql-js does not: a variable that does not coerce
// (by its path in `variables`, e.g. r.from) or a literal in the query text (by its argument path,
// e.g. range.to or predictions[0].confidence).
import { GraphQLError, Kind, parse, visit, type ASTNode, type Source, type ValueNode } from 'graphql';

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);
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

/** Argument paths of every literal value in a query text, by its start offset. */
function literalPaths(source: Source): Map<number, string> {
  const paths = new Map<number, string>();
  const record = (value: ValueNode, at: string): void => {
    if (value.loc) paths.set(value.loc.start, at);
    if (value.kind === Kind.OBJECT) for (const f of value.fields) record(f.value, `${at}.${f.name.value}`);
    if (value.kind === Kind.LIST) value.values.forEach((v, i) => record(v, `${at}[${i}]`));
  };
  visit(parse(source), {
    Argument(argument) {
      record(argument.value, argument.name.value);
    },
  });
  return paths;
}

// graphql-js's AST has no parent links to walk up from a value, so the text is parsed again, once
// per document however many of its literals are wrong (each used to cost a parse of its own).
const indexed = new WeakMap<Source, Map<number, string>>();

function literalPath(e: GraphQLError): string | undefined {
  const node = e.nodes?.[0];
  if (!isValue(node) || !node.loc || !e.source) return undefined;
  let paths = indexed.get(e.source);
  if (!paths) indexed.set(e.source, (paths = literalPaths(e.source)));
  return paths.get(node.loc.start);
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
