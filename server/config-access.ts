// Who may call and how much one request may ask for: tokens, read protection, allowed hosts, limits.
import { ConfigError, duration, flag, integer, text, type Env } from './config-values.js';

export interface LimitsConfig {
  batchSize: number;
  bodyBytes: number;
  queryDepth: number;
  points: number;
  /** Estimated cost of one operation: fields (aliases count), list items, series points, blocks scanned. */
  queryCost: number;
  /** Field selections written in one document (bounds validation work). */
  queryFields: number;
  /** Lexical tokens in one document: bounds parsing and validation work whatever the document holds. */
  queryTokens: number;
  /** Distinct labels (predicted or actual) per model: bounds every tally and rollup document. */
  labels: number;
  /** Operations in one document. */
  operations: number;
  /** Longest span of a range argument. */
  rangeMs: number;
  /** Rollup blocks one range-taking field may read. */
  blocks: number;
}

export const MIN_TOKEN_LENGTH = 16;

/** A short token can be guessed; refuse it at start rather than guard the API with it. */
export function checkToken(variable: string, token: string | null): string | null {
  if (token !== null && token.length < MIN_TOKEN_LENGTH)
    throw new ConfigError(
      variable,
      `must be at least ${MIN_TOKEN_LENGTH} characters long (got ${token.length}); e.g. openssl rand -hex 24`,
    );
  return token;
}

function token(env: Env, name: string): string | null {
  return checkToken(name, env[name]?.trim() || null);
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host.replace(/^\[|\]$/g, '')) || /^127\./.test(host);
}

/** Host header names answered; bound to loopback, only loopback names, so rebound DNS names get nowhere. */
function allowedHosts(env: Env, host: string): string[] {
  const fallback = isLoopback(host) ? [...new Set([...LOOPBACK_HOSTS, host])].join(',') : '*';
  const names = text(env, 'CLARA_ALLOWED_HOSTS', fallback)
    .split(',')
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ''),
    )
    .filter(Boolean);
  return names.includes('*') ? [] : names;
}

export function limitsConfig(env: Env): LimitsConfig {
  return {
    batchSize: integer(env, 'CLARA_MAX_BATCH', 10_000, 1, 1_000_000),
    bodyBytes: integer(env, 'CLARA_MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    queryDepth: integer(env, 'CLARA_MAX_QUERY_DEPTH', 12, 2, 100),
    points: integer(env, 'CLARA_MAX_POINTS', 5_000, 1, 1_000_000),
    queryCost: integer(env, 'CLARA_MAX_QUERY_COST', 100_000, 100, 1_000_000_000),
    queryFields: integer(env, 'CLARA_MAX_QUERY_FIELDS', 1_000, 10, 1_000_000),
    queryTokens: integer(env, 'CLARA_MAX_QUERY_TOKENS', 50_000, 100, 100_000_000),
    operations: integer(env, 'CLARA_MAX_OPERATIONS', 10, 1, 1_000),
    labels: integer(env, 'CLARA_MAX_LABELS', 1_000, 2, 100_000),
    rangeMs: duration(env, 'CLARA_MAX_RANGE', '3660 days', 3_600_000),
    blocks: integer(env, 'CLARA_MAX_BLOCKS', 20_000, 10, 10_000_000),
  };
}

export interface ReadAccess {
  apiToken: string | null;
  readToken: string | null;
  protectReads: boolean;
  allowedHosts: string[];
}

export function readAccess(env: Env, host: string): ReadAccess {
  const apiToken = token(env, 'CLARA_API_TOKEN');
  const readToken = token(env, 'CLARA_READ_TOKEN');
  const protectReads = flag(env, 'CLARA_PROTECT_READS');
  if (protectReads && !apiToken && !readToken)
    throw new ConfigError('CLARA_PROTECT_READS', 'needs CLARA_API_TOKEN or CLARA_READ_TOKEN, or nothing could read');
  return { apiToken, readToken, protectReads, allowedHosts: allowedHosts(env, host) };
}
