import type { TestProject } from 'vitest/node';
import { startTestDatabase } from './mongo-harness.js';
import { provideChromium } from './provision-chromium.js';
import { provideWhylogsPython } from './provision-whylogs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    chromiumPath: string;
    whylogsPython: string;
  }
}

// Everything the suite needs, found or provisioned once (later runs reuse it): one database
// server for the whole run (each test file uses its own database on it), Chromium and whylogs.
// A missing prerequisite stops the run with one message per problem; no test is skipped.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const results = await Promise.allSettled([startTestDatabase(), provideChromium(), provideWhylogsPython()]);
  const [db, chromium, python] = results;
  if (db.status === 'rejected' || chromium.status === 'rejected' || python.status === 'rejected') {
    if (db.status === 'fulfilled') await db.value.stop();
    const problems = results.flatMap((r) =>
      r.status === 'rejected' ? [`- ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : [],
    );
    throw new Error(`The tests cannot run on this machine yet:\n${problems.join('\n')}`);
  }
  process.stdout.write(`test database: ${db.value.kind}; Chromium: ${chromium.value}; whylogs: ${python.value}\n`);
  project.provide('mongoUri', db.value.uri);
  project.provide('chromiumPath', chromium.value);
  project.provide('whylogsPython', python.value);
  return () => db.value.stop();
}
