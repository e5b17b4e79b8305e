// What /graphql refuses before Apollo parses, validates or coerces anything: batches, readers
// without a token where reads are protected, documents with too many operations or fields (their
// validation alone could cost quadratic time), and mutations without the write token, so an
// unauthenticated 16 MB mutation is never looked at beyond finding out that it is one.
import {
  Kind,
  Lexer,
  OperationTypeNode,
  parse,
  Source,
  TokenKind,
  visit,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { TOO_COMPLEX } from '../graphql/budget-plugin.js';
import { writeTokenNeeded } from '../graphql/require-token.js';
import { READ_TOKEN_NEEDED, type Access } from './access.js';

export interface PreflightSettings {
  protectReads: boolean;
  tokenConfigured: boolean;
  maxOperations: number;
  maxFields: number;
  maxTokens: number;
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
  field?: string;
}

interface Request {
  query: string;
  operationName: string | null;
}

function requestOf(method: string, url: URL, body: unknown): Request | null {
  if (method === 'GET') {
    const query = url.searchParams.get('query');
    return query === null ? null : { query, operationName: url.searchParams.get('operationName') };
  }
  if (typeof body !== 'object' || body === null) return null;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  return typeof query === 'string'
    ? { query, operationName: typeof operationName === 'string' ? operationName : null }
    : null;
}

function countFields(document: DocumentNode): number {
  let fields = 0;
  visit(document, {
    Field() {
      fields++;
    },
  });
  return fields;
}

function chosen(operations: OperationDefinitionNode[], name: string | null): OperationDefinitionNode | undefined {
  return name === null
    ? operations.length === 1
      ? operations[0]
      : undefined
    : operations.find((o) => o.name?.value === name);
}

/** Too long to parse: an anonymous caller learns it needs a token when the document starts as a write. */
function startsWithWrite(query: string): boolean {
  try {
    const first = new Lexer(new Source(query)).advance();
    return first.kind === TokenKind.NAME && (first.value === 'mutation' || first.value === 'subscription');
  } catch {
    return false;
  }
}

const tooComplex = (message: string): Refusal => ({ status: 400, code: TOO_COMPLEX, field: 'query', message });

export function preflight(
  method: string,
  url: URL,
  body: unknown,
  access: Access,
  s: PreflightSettings,
): Refusal | null {
  if (Array.isArray(body)) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      field: 'body',
      message: 'body: a JSON array (a batch of operations) is not accepted; send one operation per request',
    };
  }
  if (s.protectReads && access === 'none') return { status: 401, code: 'UNAUTHENTICATED', message: READ_TOKEN_NEEDED };
  const request = requestOf(method, url, body);
  if (!request) return null;
  let document: DocumentNode;
  try {
    document = parse(request.query, { noLocation: true, maxTokens: s.maxTokens });
  } catch (error) {
    if (error instanceof Error && /contains more tha[nt] \d+ tokens/.test(error.message)) {
      if (access !== 'write' && startsWithWrite(request.query))
        return { status: 401, code: 'UNAUTHENTICATED', message: writeTokenNeeded(s.tokenConfigured) };
      return tooComplex(
        `query: more than ${s.maxTokens} tokens; send large inputs (such as a batch of predictions) as variables`,
      );
    }
    return null; // Apollo reports the syntax error, with its location
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length > s.maxOperations)
    return tooComplex(`query: holds ${operations.length} operations, the limit is ${s.maxOperations}`);
  const fields = countFields(document);
  if (fields > s.maxFields)
    return tooComplex(`query: selects ${fields} fields (aliases included), the limit is ${s.maxFields}`);
  const operation = chosen(operations, request.operationName);
  // The schema has no subscriptions; graphql-js would only find out while executing.
  if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
    return {
      status: 400,
      code: 'BAD_REQUEST',
      field: 'query',
      message: 'query: subscriptions are not supported; send a query or a mutation',
    };
  if (access !== 'write' && operation && operation.operation !== OperationTypeNode.QUERY)
    return { status: 401, code: 'UNAUTHENTICATED', message: writeTokenNeeded(s.tokenConfigured) };
  return null;
}
