import type { PredictionStore } from './predictions.js';

/** Whether the predictions collection holds any document: a read that stops at the first one. */
export async function holdsPredictions(store: PredictionStore): Promise<boolean> {
  return (await store.collection.findOne({}, { projection: { _id: 1 } })) !== null;
}
