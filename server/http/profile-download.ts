// GET /profiles/<id>.bin: a whylogs profile file as stored (Profile.downloadUrl).
import type { Services } from '../services/index.js';
import { accessOf, READ_TOKEN_NEEDED, type Tokens } from './access.js';
import type { Route } from './app.js';

export const profilePath = (id: string) => `/profiles/${id}.bin`;

export function profileDownloadRoute(services: () => Services | null, tokens: Tokens): Route {
  return {
    method: 'GET',
    path: /^\/profiles\/([0-9a-f]{24})\.bin$/,
    handle: async (req, res, _url, [id]) => {
      if (tokens.protectReads && accessOf(req, tokens) === 'none') {
        res
          .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' })
          .end(READ_TOKEN_NEEDED);
        return;
      }
      const ready = services();
      const bytes = ready ? await ready.profiles.download(id) : null;
      if (!bytes) {
        res
          .writeHead(ready ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(ready ? 'no such profile' : 'starting up');
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': bytes.length,
          'content-disposition': `attachment; filename="profile-${id}.bin"`,
        })
        .end(bytes);
    },
  };
}
