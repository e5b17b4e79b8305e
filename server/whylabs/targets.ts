import type { WhyLabsConfig } from '../config.js';

/** The WhyLabs dataset a model's profiles go to; null while uploads are not configured for it. */
export function datasetFor(config: WhyLabsConfig, model: string): string | null {
  if (!config.apiKey || !config.orgId) return null;
  return config.datasetIds[model] ?? config.defaultDatasetId;
}
