import { definePlugin } from '@backlot/ui-plugin-api';
import './radar.css';
import { TechRadarPage } from './TechRadarPage';

/** Backstage's Tech Radar as a UI plugin: a page of its own and a sidebar link; no backend. */
export default definePlugin({
  id: 'techradar',
  routes: [{ path: '/tech-radar', component: () => <TechRadarPage /> }],
  sidebarItems: [{ to: '/tech-radar', label: 'Tech Radar' }],
});
