// Typed documents for the dashboard from the committed schema (`npx graphql-codegen`).
// CLARA_CODEGEN_OUT lets `schema:check` generate elsewhere and compare with the committed output.
import type { CodegenConfig } from '@graphql-codegen/cli';

const out = process.env.CLARA_CODEGEN_OUT ?? 'dashboard/src/gql/';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['dashboard/src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Query text as strings: the bundles need no graphql runtime to print documents.
        documentMode: 'string',
        scalars: { DateTime: 'string' },
        enumType: 'string-literal',
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
