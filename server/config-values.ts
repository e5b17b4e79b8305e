// Parsing one setting from the environment: each failure names its variable.
import { parseDuration } from './core/duration.js';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}

export function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected 1/0, true/false, yes/no or on/off, got "${raw}"`);
}

export function duration(env: Env, name: string, fallback: string, minMs: number): number {
  const raw = text(env, name, fallback);
  const ms = parseDuration(raw);
  if (ms === null)
    throw new ConfigError(name, `expected a duration such as "30 seconds", "5 minutes" or "1 hour", got "${raw}"`);
  if (ms < minMs) throw new ConfigError(name, `must be at least ${minMs} ms, got "${raw}"`);
  return ms;
}

export function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d*\.?\d+(e-?\d+)?$/i.test(raw) || value < min || value > max)
    throw new ConfigError(name, `expected a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(value)) throw new ConfigError(name, `expected an http(s) URL, got "${value}"`);
  return value;
}

/** The API key travels to this endpoint: plain http only when explicitly allowed. */
export function whyLabsEndpoint(env: Env): string {
  const endpoint = httpUrl(env, 'WHYLABS_API_ENDPOINT', 'https://api.whylabsapp.com');
  if (endpoint.startsWith('http:') && !flag(env, 'CLARA_WHYLABS_ALLOW_HTTP'))
    throw new ConfigError(
      'WHYLABS_API_ENDPOINT',
      'must be an https URL (set CLARA_WHYLABS_ALLOW_HTTP=1 to allow http, e.g. for a local test server)',
    );
  return endpoint;
}
