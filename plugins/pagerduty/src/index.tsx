import { definePlugin, hasAnnotation } from '@backlot/ui-plugin-api';
import { INTEGRATION_KEY, PagerDutyCard, SERVICE_ID } from './PagerDutyCard';

/** PagerDuty (third-party-backed): a card on entities that name their PagerDuty service (its id or an integration key). */
export default definePlugin({
  id: 'pagerduty',
  entityCards: [{ id: 'service', title: 'PagerDuty', if: (entity) => hasAnnotation(SERVICE_ID)(entity) || hasAnnotation(INTEGRATION_KEY)(entity), component: PagerDutyCard }],
});
