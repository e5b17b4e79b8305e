// GET /profiles/<id>.bin: a whylogs profile file as stored (Profile.downloadUrl).
import type { Services } from '../services/index.js';
import type { Route } from './app.js';

export const profilePath = (id: string) => `/profiles/${id}.bin`;

export function profileDownloadRoute(services: () => Services | null): Route {
  return {
    method: 'GET',
    path: /^\/profiles\/([0-9a-f]{24})\.bin$/,
    handle: async (_req, res, _url, [id]) => {
      const ready = services();
      const bytes = ready ? await ready.profiles.download(id) : null;
      if (!bytes) {
        res.writeHead(ready ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' }).end(ready ? 'no such profile' : 'starting up');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, 'content-disposition': `attachment; filename="profile-${id}.bin"` })
        .end(bytes);
    },
  };
}
