// The offline GraphQL IDE (GraphiQL 5 with Monaco), bundled from npm: no CDN, works in closed networks.
import './playground-workers.js';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';

const endpoint = new URL('/graphql', location.href).href;

const DEFAULT_QUERY = `# clara-monitor GraphQL API: the schema is under Docs (book icon).
# Mutations need the API token; add it under Headers:
# {"Authorization": "Bearer <token>"}
query Models {
  models {
    name
    predictions
    validated
  }
}
`;

const root = document.getElementById('playground');
if (root) {
  createRoot(root).render(
    <GraphiQL fetcher={createGraphiQLFetcher({ url: endpoint })} defaultQuery={DEFAULT_QUERY}>
      <GraphiQL.Logo>clara-monitor</GraphiQL.Logo>
    </GraphiQL>,
  );
}
