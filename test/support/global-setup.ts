import type { TestProject } from 'vitest/node';
import { startTestDatabase } from './mongo-harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

// One database server for the whole run; each test file uses its own database on it.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await startTestDatabase();
  process.stdout.write(`test database: ${db.kind}\n`);
  project.provide('mongoUri', db.uri);
  return () => db.stop();
}
