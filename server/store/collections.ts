// Every collection name is defined here once, with the indexes it needs.
import type { Db } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { Logger } from '../logger.js';

export const COLLECTIONS = {
  trainingDistribution: 'training_distribution',
  rollupMarks: 'rollup_marks',
  refreshState: 'refresh_state',
  rollups: { QUARTER: 'rollups_quarter', HOUR: 'rollups_hour', DAY: 'rollups_day' },
} as const;

/**
 * Idempotent: createIndex is a no-op when the index exists. On a collection the user's application
 * owns, an index that cannot be built (e.g. duplicate ids) is reported, not fatal.
 */
export async function ensureIndexes(db: Db, mapping: FieldMapping, log: Logger): Promise<void> {
  const predictions = db.collection(mapping.collection);
  const modelKey = mapping.model ? { [mapping.model]: 1 } : {};
  const wanted = [
    { key: { ...modelKey, [mapping.id]: 1 }, options: { unique: true, name: 'clara_model_id' } },
    { key: { ...modelKey, [mapping.predictedAt]: 1 }, options: { name: 'clara_model_predictedAt' } },
    { key: { [mapping.validatedAt]: 1 }, options: { name: 'clara_validatedAt' } },
  ];
  for (const { key, options } of wanted) {
    try {
      await predictions.createIndex(key, options);
    } catch (error) {
      log.warn({ collection: mapping.collection, index: options.name, error: String(error) }, 'could not create index on the predictions collection');
    }
  }
  for (const name of Object.values(COLLECTIONS.rollups)) {
    await db.collection(name).createIndex({ model: 1, start: 1 }, { name: 'model_start' });
  }
  await db.collection(COLLECTIONS.rollupMarks).createIndex({ pending: 1, level: 1 }, { name: 'pending_level' });
}
