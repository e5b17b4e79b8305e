import { registerEnumType } from 'type-graphql';

export enum DriftReference {
  TRAINING = 'TRAINING',
  BASELINE = 'BASELINE',
}
registerEnumType(DriftReference, {
  name: 'DriftReference',
  description:
    "What class distributions are compared with: the model's training distribution, or the merged windows just before each window (CLARA_DRIFT_BASELINE_WINDOWS, 4 by default). Confidence and accuracy are always compared with those baseline windows.",
});
