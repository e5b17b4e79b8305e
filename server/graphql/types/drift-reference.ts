import { registerEnumType } from 'type-graphql';
import { DriftReference } from '../../core/drift-rules/rules.js';

registerEnumType(DriftReference, {
  name: 'DriftReference',
  description:
    "What class distributions are compared with: the model's training distribution, or the merged windows just before each window (CLARA_DRIFT_BASELINE_WINDOWS, 4 by default). Confidence and accuracy are always compared with those baseline windows.",
});

export { DriftReference };
