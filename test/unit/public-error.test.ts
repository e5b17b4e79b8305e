import { describe, expect, test } from 'vitest';
import { displayReason, INTERNAL_REASON, PublicError, publicReason } from '../../server/core/public-error.js';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('publicReason', () => {
  test('our own coded errors are shown as they are', () => {
    expect(publicReason(new PublicError('LOCK_EXPIRED', 'the job lock expired'))).toBe(
      'LOCK_EXPIRED: the job lock expired',
    );
  });

  test('database errors become a code, without the driver text (hosts, call stacks)', () => {
    expect(publicReason(named('MongoServerSelectionError', 'connect ECONNREFUSED 10.0.0.7:27017'))).toMatch(
      /^DATABASE_UNAVAILABLE: [^0-9]*$/,
    );
    expect(
      publicReason(named('MongoServerError', 'database is locked (5) (SQLITE_BUSY) at ferretdb/internal/...')),
    ).toMatch(/^DATABASE_ERROR: /);
  });

  test('anything else is generic', () => {
    expect(publicReason(new Error('https://user:pass@example.com failed'))).toBe(INTERNAL_REASON);
    expect(publicReason('a string')).toBe(INTERNAL_REASON);
    expect(publicReason(new PublicError('LONG', 'x'.repeat(400)))).toBe(INTERNAL_REASON);
  });
});

describe('displayReason', () => {
  test('coded text is shown; raw text stored by older versions is not', () => {
    expect(displayReason(null)).toBeNull();
    expect(displayReason('HTTP_400: the webhook answered 400')).toBe('HTTP_400: the webhook answered 400');
    expect(displayReason('answered 400 Bad Request: {"token":"abc"}')).toBe(INTERNAL_REASON);
    expect(displayReason('network error: fetch failed (connect ECONNREFUSED 127.0.0.1:9)')).toBe(INTERNAL_REASON);
    expect(displayReason('CODE: two\nlines')).toBe(INTERNAL_REASON);
  });
});
