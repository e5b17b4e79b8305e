import type { ApiServices } from '../services/index.js';

export interface Context {
  services: ApiServices;
  /** The request carried the configured API token. */
  authorized: boolean;
  /** Whether CLARA_API_TOKEN is set at all (to say how to fix an UNAUTHENTICATED answer). */
  tokenConfigured: boolean;
}
