import { registerEnumType } from 'type-graphql';
import { DRIFT_RULES } from '../../core/drift-rules/rules.js';

// GraphQL enum names cannot hold '-': PREDICTED_PSI stands for predicted-psi. The values are the
// domain's own rule names, so resolvers pass them through as they are.
export const DriftRuleEnum = Object.fromEntries(
  DRIFT_RULES.map((rule) => [rule.toUpperCase().replaceAll('-', '_'), rule]),
);

registerEnumType(DriftRuleEnum, {
  name: 'DriftRule',
  description:
    'A drift or anomaly rule; each stands for the rule name in lower case with hyphens (PREDICTED_PSI is predicted-psi, as in CLARA_DRIFT_RULES).',
});
