// What every embedded store start returns, and how a candidate says it cannot be used here.

export interface EmbeddedStore {
  uri: string;
  /** For logs and the start banner, e.g. "FerretDB (SQLite) in .data/ferretdb". */
  description: string;
  /** The store's own process, when it has one. */
  pid: number | null;
  stop(): Promise<void>;
}

/** This store cannot run on this machine; the message says why, and the next candidate is tried. */
export class StoreUnavailable extends Error {}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
