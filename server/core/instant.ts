// Full ISO-8601 instants only: a date without an offset would be read in the server's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant `text` names, or null when it is not an ISO-8601 instant with an offset. */
export function parseInstant(text: string): Date | null {
  if (!ISO_INSTANT.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const INSTANT_HINT = 'an ISO-8601 instant with an offset, e.g. "2026-01-31T00:00:00Z"';
