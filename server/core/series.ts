// Rollup series: every model has one series of all its predictions, named by the model, and one
// per version, named by the model and the version joined by a separator that model names cannot
// contain. Rollup blocks, journal deltas and the drainer handle a series name as they handle a
// model name, so a version's metrics come from rollups at the same cost as the model's.
/** What a row needs to be placed in series (a PredictionRow). */
interface Versioned {
  model: string;
  version?: string | null;
}

/** U+001F (unit separator): refused in model names (core/prediction.ts checkModel). */
export const SERIES_SEPARATOR = '\u001f';

export interface SeriesName {
  model: string;
  /** null: the series of every version (and of rows without one). */
  version: string | null;
}

export function seriesName(model: string, version: string | null | undefined): string {
  return version === null || version === undefined ? model : `${model}${SERIES_SEPARATOR}${version}`;
}

/** The model and version a series name stands for (a version may contain the separator; a model cannot). */
export function parseSeries(name: string): SeriesName {
  const at = name.indexOf(SERIES_SEPARATOR);
  return at === -1 ? { model: name, version: null } : { model: name.slice(0, at), version: name.slice(at + 1) };
}

export const isVersionSeries = (name: string): boolean => name.includes(SERIES_SEPARATOR);

/** The series a row counts in: its model's, and its version's when it has one. */
export function seriesOfRow(row: Versioned): string[] {
  return row.version ? [row.model, seriesName(row.model, row.version)] : [row.model];
}

/** Whether a row of the series' model belongs to the series. */
export function inSeries(series: SeriesName, row: Pick<Versioned, 'version'>): boolean {
  return series.version === null || (row.version ?? null) === series.version;
}
