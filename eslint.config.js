// ESLint 9 flat config. typescript-eslint's recommended rules everywhere; its type-aware rules
// (floating promises, unsafe any, needless assertions) on the shipped code, server/ and
// dashboard/src/, through each one's own tsconfig.json; Lit and web-component rules for the
// dashboard's elements; eslint-config-prettier last so that layout is Prettier's alone
// (`npm run format`). `npm run lint` runs this and `prettier --check`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const shipped = ['server/**/*.ts', 'dashboard/src/**/*.{ts,tsx}'];
const dashboard = ['dashboard/src/**/*.{ts,tsx}'];

export default tseslint.config(
  {
    // Build output, generated code (codegen's dashboard/src/gql, the emitted schema), local data.
    ignores: [
      '**/node_modules/',
      'dist/',
      'dashboard/dist/',
      'dashboard/src/gql/',
      'schema/',
      'coverage/',
      '.data/',
      '.venv/',
      'test/artifacts/',
      'embedded/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Type-aware rules cost a TypeScript program per tsconfig (about 45 s of CPU for these two);
    // tests and scripts go without them, so `npm run lint` stays about a minute on two cores.
    files: shipped,
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Apollo plugin hooks and other interface methods are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The dashboard runs in the browser: Lit elements registered as custom elements.
    files: dashboard,
    languageOptions: { globals: { ...globals.browser } },
    ...lit.configs['flat/recommended'],
  },
  {
    files: dashboard,
    ...wc.configs['flat/recommended'],
    rules: {
      ...wc.configs['flat/recommended'].rules,
      // Lit calls template listeners (`@change=${this.pick}`) with `this` bound to the element.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
