import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** A fresh database name per test file keeps files independent on one shared server. */
export function testDatabase(prefix: string): { uri: string; dbName: string } {
  return { uri: inject('mongoUri'), dbName: `t_${prefix}_${randomBytes(4).toString('hex')}` };
}
