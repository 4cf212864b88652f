import { definePlugin, hasAnnotation } from '@backlot/ui-plugin-api';
import { PagerDutyCard, SERVICE_ID } from './PagerDutyCard';

/** PagerDuty (third-party-backed): a card on entities that name their PagerDuty service. */
export default definePlugin({
  id: 'pagerduty',
  entityCards: [{ id: 'service', title: 'PagerDuty', if: hasAnnotation(SERVICE_ID), component: PagerDutyCard }],
});
