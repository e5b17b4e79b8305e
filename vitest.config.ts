import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS and ESM without an exports map: pin every import to the copy
// Node (and so type-graphql and Apollo) loads, or schema objects come from two realms.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  // swc emits the decorator metadata type-graphql reads; esbuild does not.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/dashboard-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
