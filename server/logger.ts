import { pino, type Logger } from 'pino';

// Secrets can only reach a log line through these paths; pino replaces them before writing.
const redact = {
  paths: [
    'apiToken',
    'authorization',
    'headers.authorization',
    'req.headers.authorization',
    '*.apiKey',
    'apiKey',
    'config.apiToken',
    'uri',
    'mongoUri',
  ],
  censor: '[redacted]',
};

export function createLogger(level: string): Logger {
  return pino({ level, redact, base: { service: 'clara-monitor' } });
}

/** Drops credentials from a MongoDB URI so it can be logged. */
export function safeUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

export type { Logger };
