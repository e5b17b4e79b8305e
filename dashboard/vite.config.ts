// Builds dashboard/ into dashboard/dist: the page (index.html), the playground (playground.html, its
// own chunks) and embed.js at a stable, unhashed URL for other sites; everything else is hashed
// under assets/, which the server marks immutable.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CLARA_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // GraphiQL's editor is large by nature; it loads only on /playground.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL ships React-compiler directives ("use no memo") that bundling drops harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        index: `${root}index.html`,
        playground: `${root}playground.html`,
        embed: `${root}src/embed.ts`,
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'assets/[name]-[hash].js'),
        // The panels, Lit and Chart.js go to one hashed chunk that both the page and embed.js load:
        // otherwise Rollup puts them in embed.js itself, and the page's immutable chunks would
        // import a file whose content changes with every release.
        manualChunks: (id) =>
          /\/dashboard\/src\/(components|lib|charts|client|gql)\/|\/node_modules\/(lit|lit-html|lit-element|@lit|chart\.js|@kurkle)\//.test(
            id,
          )
            ? 'panels'
            : undefined,
      },
    },
  },
  worker: { format: 'es' },
  server: {
    // `npm run dev`: the page with hot reload, the API from a running server (CLARA_API).
    proxy: { '/graphql': { target: api, changeOrigin: true } },
  },
});
