// JSON that keeps Dates: for documents whose content nothing filters on, kept in one string field
// because where every filter scans (FerretDB) each field and array element costs about as much as
// a small document (see rollup-body.ts).

const DATE_KEY = '$date';

export function stringifyWithDates(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
    // toJSON has already turned a Date into a string by now; the holder still has the Date.
    const original = this[key];
    return original instanceof Date ? { [DATE_KEY]: original.getTime() } : converted;
  });
}

export function parseWithDates<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const ms = (value as Record<string, unknown>)[DATE_KEY];
      if (keys.length === 1 && typeof ms === 'number') return new Date(ms);
    }
    return value;
  }) as T;
}
