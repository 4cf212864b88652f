import { NavLink } from 'react-router-dom';
import { useAppConfig } from './appConfig';

/**
 * Every section a plugin mounts, with the backend plugin it needs; `null` marks a UI-only plugin
 * (no backend), which is always there.
 */
export const PLUGIN_SECTIONS = [
  { plugin: 'catalog', to: '/catalog', label: 'Catalog' },
  { plugin: 'api-docs', to: '/api-docs', label: 'APIs' },
  { plugin: 'catalog', to: '/catalog-import', label: 'Register' },
  { plugin: null, to: '/tech-radar', label: 'Tech Radar' },
] as const;

/** The sections whose backend plugin runs here (`running` unknown yet: only the UI-only ones). */
export function sectionsFor(running: readonly string[]) {
  return PLUGIN_SECTIONS.filter((section) => section.plugin === null || running.includes(section.plugin));
}

/** The sidebar: a link per section of the plugins this deployment runs. */
export function Sidebar({ open, onNavigate }: { open: boolean; onNavigate: () => void }) {
  const config = useAppConfig();
  const running = config.status === 'done' ? config.value.plugins : [];
  return (
    <nav id="sidebar" className={open ? 'sidebar open' : 'sidebar'} aria-label="Sections">
      <ul>
        {sectionsFor(running).map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} onClick={onNavigate}>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
      {config.status === 'loading' && <p className="muted">Loading plugins…</p>}
      {config.status === 'error' && (
        <p className="sidebar-error" role="alert">
          Could not load the list of plugins: {config.error.message}
        </p>
      )}
    </nav>
  );
}
