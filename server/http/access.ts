// Who is calling: the write token (CLARA_API_TOKEN), the read token (CLARA_READ_TOKEN) or no one.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Access = 'write' | 'read' | 'none';

export interface Tokens {
  apiToken: string | null;
  readToken: string | null;
  protectReads: boolean;
}

function matches(given: Buffer, token: string | null): boolean {
  if (!token) return false;
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function accessOf(req: IncomingMessage, tokens: Tokens): Access {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return 'none';
  const given = Buffer.from(header.slice(7).trim());
  if (matches(given, tokens.apiToken)) return 'write';
  return matches(given, tokens.readToken) ? 'read' : 'none';
}

export const READ_TOKEN_NEEDED =
  'Reading needs a token here: send "Authorization: Bearer <CLARA_READ_TOKEN or CLARA_API_TOKEN>".';

/** Host header names answered (empty: any); /healthz and /readyz answer any, for probes. */
export function hostAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const host = (req.headers.host ?? '').trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return name !== '' && allowed.includes(name);
}
