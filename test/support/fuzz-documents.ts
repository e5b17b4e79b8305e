// Generated GraphQL requests for the fuzz test: schema-driven documents and variables (valid, with
// wrong types, corrupted, hostile) in every HTTP shape a client could send. Seeded: a failure
// names the case number, and the same number gives the same request on every run.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { pick } from './random.js';

export interface FuzzRequest {
  method: 'GET' | 'POST';
  /** Query string for GET, e.g. ?query=… */
  search: string;
  headers: Record<string, string>;
  body?: string;
  /** What the case is, for failure messages. */
  label: string;
}

type Random = () => number;

const STRINGS = [
  '',
  'default',
  'x',
  'nope',
  'Europe/Berlin',
  'Mars/Olympus',
  '💥\u0000',
  '"quoted"',
  'a'.repeat(5_000),
  '$where',
  '{"$gt":""}',
  'check-drift-not',
  '0123456789abcdef01234567',
];
const NUMBERS = [
  0,
  1,
  -1,
  7,
  100,
  1001,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  1e308,
  0.5,
  Number.MAX_SAFE_INTEGER,
];
const DATES = [
  '2026-01-01T00:00:00Z',
  '2026-01-02T00:00:00Z',
  '2025-12-31T23:30:00+05:45',
  '2026-01-01T00:00:00.123Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-13-01T00:00:00Z',
  'yesterday',
  '',
  '2026-01-01',
];

/** A JSON value for an input type: right most of the time, wrong sometimes. */
function jsonValue(random: Random, type: GraphQLInputType, depth: number): unknown {
  if (random() < 0.06) return pick(random, [null, 'wrong', 42, true, [], {}, { deep: [[[{}]]] }]);
  if (isNonNullType(type)) return jsonValue(random, type.ofType, depth);
  if (isListType(type))
    return depth > 3
      ? []
      : Array.from({ length: Math.floor(random() * 4) }, () => jsonValue(random, type.ofType, depth + 1));
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type) || random() < 0.5) value[field.name] = jsonValue(random, field.type, depth + 1);
    if (random() < 0.05) value.unknownField = 1;
    return value;
  }
  if (isEnumType(type)) return random() < 0.9 ? pick(random, type.getValues()).value : 'NOT_A_VALUE';
  if (isScalarType(type)) {
    if (type.name === 'DateTime') return pick(random, DATES);
    if (type.name === 'Int' || type.name === 'Float') return pick(random, NUMBERS);
    if (type.name === 'Boolean') return random() < 0.5;
    return pick(random, STRINGS);
  }
  return null;
}

/** The same value written as a GraphQL literal (enums bare, strings quoted). */
function literal(random: Random, type: GraphQLInputType, value: unknown): string {
  const named = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => literal(random, isListType(named) ? named.ofType : type, v)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(random, fields[k]?.type ?? type, v)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(named) && /^[A-Z_]+$/.test(value)) return value;
  return JSON.stringify(value);
}

interface Built {
  text: string;
  variables: Record<string, unknown>;
  declarations: string[];
}

function argumentsOf(random: Random, args: readonly GraphQLArgument[], built: Built): string {
  const parts: string[] = [];
  for (const arg of args) {
    if (!isNonNullType(arg.type) && random() < 0.4) continue;
    if (isNonNullType(arg.type) && random() < 0.03) continue; // a required argument left out
    const value = jsonValue(random, arg.type, 0);
    if (random() < 0.4) {
      const name = `v${built.declarations.length}`;
      built.declarations.push(`$${name}: ${String(arg.type)}`);
      built.variables[name] = value;
      parts.push(`${arg.name}: $${name}`);
    } else parts.push(`${arg.name}: ${literal(random, arg.type, value)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

function selection(random: Random, type: GraphQLObjectType, depth: number, built: Built): string {
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  const chosen: string[] = [];
  const count = 1 + Math.floor(random() * Math.min(4, fields.length));
  for (let i = 0; i < count; i++) {
    const field = pick(random, fields);
    const alias = random() < 0.15 ? `a${i}: ` : '';
    const target = getNamedType(field.type);
    const below = isObjectType(target)
      ? depth > 3
        ? ' { __typename }'
        : ` { ${selection(random, target, depth + 1, built)} }`
      : '';
    chosen.push(`${alias}${field.name}${argumentsOf(random, field.args, built)}${below}`);
  }
  if (random() < 0.05) chosen.push('notAField');
  if (random() < 0.1) chosen.push('__typename');
  if (random() < 0.05) chosen.push(`... on ${type.name} { __typename }`);
  return chosen.join(' ');
}

const HOSTILE = [
  () => `{ ${'models { '.repeat(60)} name ${'} '.repeat(60)} }`,
  () => `{ ${Array.from({ length: 1200 }, (_, i) => `a${i}: models { name }`).join(' ')} }`,
  () => 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
  () =>
    `query { ...F0 } ${Array.from({ length: 25 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F25 on Query { models { name } }`,
  () => Array.from({ length: 12 }, (_, i) => `query Q${i} { models { name } }`).join(' '),
  () => `{ models @unknownDirective { name } }`,
  () => `{ models @include(if: $missing) { name } }`,
  () => `{ jobs { name } } ${'#'.repeat(100_000)}`,
  () =>
    `{ metrics(range: { from: "0000-01-01T00:00:00Z", to: "9999-12-31T00:00:00Z" }, granularity: HOUR) { overall { accuracy } } }`,
  () => `subscription { models { name } }`,
  () => `{ ${'['.repeat(5_000)} }`,
  () => `{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`,
];

function corrupt(random: Random, text: string): string {
  const at = Math.floor(random() * text.length);
  return pick(random, [
    () => text.slice(0, at),
    () => `${text.slice(0, at)}${pick(random, ['{', '}', '$', '"', '\u0000', '@', '...', '\\u'])}${text.slice(at)}`,
    () => text.replace(/[()]/, ''),
  ])();
}

function document(random: Random, schema: GraphQLSchema): Built {
  const built: Built = { text: '', variables: {}, declarations: [] };
  if (random() < 0.05) return { ...built, text: pick(random, HOSTILE)() };
  const root = random() < 0.8 ? schema.getQueryType() : schema.getMutationType();
  if (!root) return built;
  const body = selection(random, root, 0, built);
  const kind = root === schema.getQueryType() ? 'query' : 'mutation';
  // runJob would really run jobs: only names of none are sent.
  built.text = `${kind}${built.declarations.length ? `(${built.declarations.join(', ')})` : ''} { ${body} }`;
  if (random() < 0.1) built.text = corrupt(random, built.text);
  if (random() < 0.05)
    for (const key of Object.keys(built.variables)) built.variables[key] = pick(random, [null, 'x', 1, { a: [1] }, []]);
  return built;
}

export function fuzzRequest(random: Random, schema: GraphQLSchema, token: string, n: number): FuzzRequest {
  const { text, variables } = document(random, schema);
  const headers: Record<string, string> = {};
  const auth = random();
  if (auth < 0.5) headers.authorization = `Bearer ${token}`;
  else if (auth < 0.6)
    headers.authorization = pick(random, ['Bearer wrong-token-0123456789', 'Basic abc', 'Bearer ', 'bearer x']);
  const shape = random();
  if (shape < 0.08)
    return {
      method: 'GET',
      search: `?${new URLSearchParams({ query: text, variables: JSON.stringify(variables) })}`,
      headers: { ...headers, 'apollo-require-preflight': '1' },
      label: `#${n} GET ${text.slice(0, 200)}`,
    };
  const json = { 'content-type': 'application/json', ...headers };
  if (shape < 0.1)
    return {
      method: 'POST',
      search: '',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: text,
      label: `#${n} text/plain`,
    };
  if (shape < 0.12)
    return {
      method: 'POST',
      search: '',
      headers: json,
      body: `{"query": ${JSON.stringify(text)}, "variables": `,
      label: `#${n} broken JSON`,
    };
  if (shape < 0.14)
    return {
      method: 'POST',
      search: '',
      headers: json,
      body: JSON.stringify([{ query: text, variables }]),
      label: `#${n} batch`,
    };
  if (shape < 0.15)
    return {
      method: 'POST',
      search: '',
      headers: json,
      body: pick(random, [
        '',
        'null',
        '42',
        '"x"',
        '{}',
        '{"query": 1}',
        '{"query": "{ models { name } }", "variables": "x"}',
      ]),
      label: `#${n} odd body`,
    };
  return {
    method: 'POST',
    search: '',
    headers: json,
    body: JSON.stringify({ query: text, variables, ...(random() < 0.05 ? { operationName: 'Nope' } : {}) }),
    label: `#${n} ${text.slice(0, 300)} ${JSON.stringify(variables).slice(0, 300)}`,
  };
}
