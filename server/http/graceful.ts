// Closing the HTTP server without cutting anyone off: stop accepting, let requests in flight
// finish (their connections close after the answer), and only past the grace period cut what is left.
import type { Server, ServerResponse } from 'node:http';

export interface GracefulServer {
  /** True once close() was called (readiness answers 503 from then on). */
  readonly closing: boolean;
  /** Resolves when every connection is closed; returns how many requests had to be cut. */
  close(graceMs: number): Promise<number>;
}

export function graceful(server: Server): GracefulServer {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  let closed: Promise<number> | null = null;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    // A keep-alive client is told to go elsewhere for its next request.
    if (closing && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
  });

  const shut = async (graceMs: number): Promise<number> => {
    closing = true;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      done.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    const cut = late ? inFlight.size : 0;
    if (late) server.closeAllConnections();
    await done;
    return cut;
  };

  return {
    get closing() {
      return closing;
    },
    close(graceMs) {
      closed ??= shut(graceMs);
      return closed;
    },
  };
}
