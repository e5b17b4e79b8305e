import { registerEnumType } from 'type-graphql';
import { Severity } from '../../core/drift-rules/rules.js';

// Lower-case values, as the field's String always answered: clients comparing with 'critical' keep working.
registerEnumType(Severity, {
  name: 'Severity',
  description: 'warning, or critical once a window reached CLARA_DRIFT_CRITICAL_FACTOR times the threshold.',
});

export { Severity };
