import { registerEnumType } from 'type-graphql';
import { AlertStatus } from '../../core/alerts/status.js';

registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description:
    'OPEN: firing or not yet quiet long enough; ACKNOWLEDGED: someone took it (it still resolves by itself); RESOLVED: quiet for CLARA_ALERT_RESOLVE_AFTER windows.',
});

export { AlertStatus };
