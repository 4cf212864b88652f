import { definePlugin, hasAnnotation } from '@backlot/ui-plugin-api';
import { CiCdTab } from './CiCdTab';
import { PROJECT_SLUG } from './githubActions';

/** GitHub Actions (service-backed, over functions/github): a CI/CD tab on entities that name their repository. */
export default definePlugin({
  id: 'github-actions',
  entityTabs: [{ id: 'cicd', title: 'CI/CD', if: hasAnnotation(PROJECT_SLUG), component: CiCdTab }],
});
