import { NavLink } from 'react-router-dom';
import { useRbacAdmin } from '../rbac/useRbacAdmin';
import { PluginSidebarItems } from '../uiplugins/UiPlugins';
import { useAppConfig } from './appConfig';

/**
 * Every section a plugin mounts, with the backend plugin it needs; `null` marks a UI-only section
 * (no backend), which is always there. UI plugins add their own links (docs/ui-plugins.md). `adminsOnly` sections show to RBAC administrators only.
 */
export const PLUGIN_SECTIONS = [
  { plugin: 'catalog', to: '/catalog', label: 'Catalog', adminsOnly: false },
  { plugin: 'api-docs', to: '/api-docs', label: 'APIs', adminsOnly: false },
  { plugin: 'techdocs', to: '/docs', label: 'Docs', adminsOnly: false },
  { plugin: 'catalog', to: '/catalog-import', label: 'Register', adminsOnly: false },
  { plugin: 'scaffolder', to: '/create', label: 'Create', adminsOnly: false },
  { plugin: 'permission', to: '/rbac', label: 'RBAC', adminsOnly: true },
] as const;

/** The sections whose backend plugin runs here (`running` unknown yet: only the UI-only ones). */
export function sectionsFor(running: readonly string[], rbacAdmin = false) {
  return PLUGIN_SECTIONS.filter((section) => (section.plugin === null || running.includes(section.plugin)) && (!section.adminsOnly || rbacAdmin));
}

/** The sidebar: a link per section of the plugins this deployment runs. */
export function Sidebar({ open, onNavigate }: { open: boolean; onNavigate: () => void }) {
  const config = useAppConfig();
  const running = config.status === 'done' ? config.value.plugins : [];
  const rbacAdmin = useRbacAdmin(running.includes('permission'));
  return (
    <nav id="sidebar" className={open ? 'sidebar open' : 'sidebar'} aria-label="Sections">
      <ul>
        {sectionsFor(running, rbacAdmin).map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} onClick={onNavigate}>
              {section.label}
            </NavLink>
          </li>
        ))}
        <PluginSidebarItems onNavigate={onNavigate} />
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
