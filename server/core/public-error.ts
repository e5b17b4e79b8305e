// Error text fit to show to API clients and to store for display: short, coded ("CODE: sentence"),
// about our own state only. Driver messages (hosts, ports, internal call stacks), third-party
// answers and anything unexpected stay in the log.

/** An error whose message may be shown as it is. */
export class PublicError extends Error {
  constructor(
    readonly code: string,
    reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'PublicError';
  }
}

const CODED = /^[A-Z][A-Z0-9_]{1,40}: [^\n]{1,300}$/;
const MAX_LENGTH = 300;

export const INTERNAL_REASON = 'INTERNAL_ERROR: something unexpected failed; the server log has the details';

const DATABASE_DOWN = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
]);

/**
 * True when the database did not answer: the error or what it wraps (a bulk write keeps the
 * driver's error in `errorResponse`, others in `cause`) is one of the driver's connection errors.
 */
export function isDatabaseDown(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (DATABASE_DOWN.has(e.name)) return true;
    const wrapped: unknown = 'errorResponse' in e && e.errorResponse instanceof Error ? e.errorResponse : e.cause;
    e = wrapped;
  }
  return false;
}

/** What to store or show for `error`: its own text when it is ours, else a code for its kind. */
export function publicReason(error: unknown): string {
  if (error instanceof PublicError && error.message.length <= MAX_LENGTH) return error.message;
  const name = error instanceof Error ? error.name : '';
  if (isDatabaseDown(error)) return 'DATABASE_UNAVAILABLE: the database did not answer; the next run tries again';
  if (name.startsWith('Mongo'))
    return 'DATABASE_ERROR: the database refused an operation (it may have been busy); the next run tries again';
  return INTERNAL_REASON;
}

/** Text stored earlier (by an older version, say): shown only when it has the coded form. */
export function displayReason(text: string | null): string | null {
  if (text === null) return null;
  return CODED.test(text) ? text : INTERNAL_REASON;
}
