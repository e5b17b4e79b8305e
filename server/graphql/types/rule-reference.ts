import { registerEnumType } from 'type-graphql';
import { RuleReference } from '../../core/drift-rules/rules.js';

registerEnumType(RuleReference, {
  name: 'RuleReference',
  description:
    "What a rule's value was measured against: TRAINING the training distribution, BASELINE the windows just before, RUNNING_MEAN Page–Hinkley's error rate since its last reset, CALIBRATION the predictions the calibration was fitted on, SAME_TIME_PREVIOUS_WEEKS the usual volume, NONE a fixed limit (job failures).",
});

export { RuleReference };
