import { useState, useSyncExternalStore } from 'react';
import { matchRoutes, NavLink, useLocation } from 'react-router-dom';
import type { Entity } from '../api/catalog';
import type { AsyncState } from '../common/useAsync';
import { Loading } from '../common/StatusPanels';
import { NotFoundPage } from '../frame/NotFoundPage';
import { ImportModule, LoadedPlugins, loadPlugins } from './loadPlugins';
import { PluginBoundary } from './PluginBoundary';
import type { EntityContent, SearchResult, UiPlugin } from './pluginApi';

/**
 * The UI plugins installed in this deployment, loaded once per page load, and the places the
 * shell shows what they contribute: their pages (behind the shell's own routes), sidebar links,
 * entity cards and tabs, and search result renderers.
 */
let state: AsyncState<LoadedPlugins> = { status: 'loading' };
let started = false;
let importer: ImportModule | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!started) {
    started = true;
    loadPlugins(importer).then(
      (value) => publish({ status: 'done', value }),
      (error: Error) => publish({ status: 'error', error }),
    );
  }
  return () => listeners.delete(listener);
}

function publish(next: AsyncState<LoadedPlugins>) {
  state = next;
  listeners.forEach((listener) => listener());
}

/** The installed plugins, loaded on first use (no provider: the shell's tree stays as it is). */
export function useUiPlugins(): AsyncState<LoadedPlugins> {
  return useSyncExternalStore(subscribe, () => state);
}

/** Tests start each case from a page load, importing bundles with `importModule`. */
export function forgetUiPlugins(importModule?: ImportModule) {
  state = { status: 'loading' };
  started = false;
  importer = importModule;
}

function pluginsOf(state: AsyncState<LoadedPlugins>): UiPlugin[] {
  return state.status === 'done' ? state.value.plugins : [];
}

function useLoadedPlugins() {
  return pluginsOf(useUiPlugins());
}

/** The catch-all route: a plugin's page when one has the path, the 404 page when none has. */
export function PluginPageOrNotFound() {
  const state = useUiPlugins();
  const location = useLocation();
  if (state.status === 'loading') return <Loading what="plugins" />;
  const pages = pluginsOf(state).flatMap((plugin) => (plugin.routes ?? []).map((route) => ({ plugin, route })));
  const match = matchRoutes(pages.map(({ route }, index) => ({ path: route.path, id: String(index) })), location);
  if (!match) return <NotFoundPage />;
  const { plugin, route } = pages[Number(match[0].route.id)];
  const Page = route.component;
  return (
    <PluginBoundary pluginId={plugin.id} what="its page">
      <Page />
    </PluginBoundary>
  );
}

/** The plugins' sidebar links, and a line for each plugin that could not load. */
export function PluginSidebarItems({ onNavigate }: { onNavigate: () => void }) {
  const state = useUiPlugins();
  if (state.status === 'error') {
    return <li className="sidebar-error" role="alert">Could not load the UI plugins: {state.error.message}</li>;
  }
  const failures = state.status === 'done' ? state.value.failures : [];
  return (
    <>
      {pluginsOf(state).flatMap((plugin) =>
        (plugin.sidebarItems ?? []).map((item) => (
          <li key={`${plugin.id}:${item.to}`}>
            <NavLink to={item.to} onClick={onNavigate}>
              {item.label}
            </NavLink>
          </li>
        )),
      )}
      {failures.map((failure) => (
        <li key={`failed:${failure.id}`} className="sidebar-error" title={failure.message}>
          {failure.id} plugin unavailable
          {/* The reason, for screen readers too (the tooltip is for the mouse). */}
          <span className="visually-hidden">: {failure.message}</span>
        </li>
      ))}
    </>
  );
}

/** The contributions that apply to this entity; a condition that throws counts as "no", and is logged. */
function matching(plugins: UiPlugin[], entity: Entity, pick: (plugin: UiPlugin) => EntityContent[] | undefined) {
  return plugins.flatMap((plugin) =>
    (pick(plugin) ?? [])
      .filter((content) => {
        try {
          return content.if(entity);
        } catch (error) {
          console.error(`UI plugin "${plugin.id}": the condition of ${content.id} failed`, error);
          return false;
        }
      })
      .map((content) => ({ pluginId: plugin.id, content })),
  );
}

/** Plugin cards on the entity's overview, each in its own error boundary. */
export function PluginEntityCards({ entity }: { entity: Entity }) {
  return (
    <>
      {matching(useLoadedPlugins(), entity, (plugin) => plugin.entityCards).map(({ pluginId, content: { id, title, component: Card } }) => (
        <div key={`${pluginId}:${id}`} className="card plugin-card" data-plugin={pluginId}>
          <PluginBoundary pluginId={pluginId} what={title}>
            <Card entity={entity} />
          </PluginBoundary>
        </div>
      ))}
    </>
  );
}

/** The plugins' tabs for this entity, below the overview; none drawn when no plugin has one for it. */
export function PluginEntityTabs({ entity }: { entity: Entity }) {
  const tabs = matching(useLoadedPlugins(), entity, (plugin) => plugin.entityTabs);
  const [chosen, setChosen] = useState(0);
  if (tabs.length === 0) return null;
  const current = tabs[Math.min(chosen, tabs.length - 1)];
  const Tab = current.content.component;
  const tabId = (index: number) => `plugin-tab-${index}`;
  return (
    <section className="plugin-tabs" aria-label="Plugin tabs">
      <div role="tablist">
        {tabs.map(({ pluginId, content }, index) => (
          <button key={`${pluginId}:${content.id}`} id={tabId(index)} role="tab" type="button" aria-selected={current === tabs[index]}
            aria-controls="plugin-tab-panel" onClick={() => setChosen(index)}>
            {content.title}
          </button>
        ))}
      </div>
      <div id="plugin-tab-panel" role="tabpanel" aria-labelledby={tabId(tabs.indexOf(current))}>
        <PluginBoundary key={`${current.pluginId}:${current.content.id}`} pluginId={current.pluginId} what={current.content.title}>
          <Tab entity={entity} />
        </PluginBoundary>
      </div>
    </section>
  );
}

/**
 * The search page's extension point: a result drawn by the plugin that renders its type, or
 * `fallback` (the search page's own rendering) when none does.
 */
export function PluginSearchResult({ result, fallback }: { result: SearchResult; fallback: JSX.Element }) {
  const plugins = useLoadedPlugins();
  for (const plugin of plugins) {
    const renderer = plugin.searchResultRenderers?.find((candidate) => candidate.type === result.type);
    if (renderer) {
      const Result = renderer.component;
      return (
        <PluginBoundary pluginId={plugin.id} what="a search result">
          <Result result={result} />
        </PluginBoundary>
      );
    }
  }
  return fallback;
}
