// An address where nothing answers, which no other process can take over: a listening socket this
// test owns that resets every connection at once. (A port bound and closed again is free for any
// process to reuse, and a request sent there could then reach it.)
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface DroppingListener {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Connections dropped so far: evidence a client really tried. */
  dropped(): number;
  close(): Promise<void>;
}

/**
 * The console error a browser logs for a request the listener dropped. Chromium names the same
 * reset differently depending on when it lands (during or after connecting).
 */
export const droppedByListener = (message: string): boolean =>
  /ERR_CONNECTION_RESET|ERR_SOCKET_NOT_CONNECTED|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/.test(message);

export async function droppingListener(): Promise<DroppingListener> {
  let dropped = 0;
  const server = createServer((socket: Socket) => {
    dropped++;
    socket.resetAndDestroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped: () => dropped,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}
