/**
 * What the shell offers a UI plugin, as the module `@backlot/ui-plugin-api`: a plugin's bundle
 * imports this (and react, react-dom, react-router-dom) and gets the shell's own instances at run
 * time through the shared-modules bridge (sharedModules.ts); nothing here is bundled into a plugin.
 * Adding a name here is a change of the plugin API: pluginApiNames.json lists what plugin builds
 * may import, and a test holds the two together.
 */
import type { ComponentType } from 'react';
import type { Entity } from '../api/catalog';

export type { Entity } from '../api/catalog';
export { ApiError, fetchJson, fetchText } from '../api/http';
export { Async } from '../common/Async';
export { ExternalLink } from '../common/ExternalLink';
export { ErrorPanel, Loading } from '../common/StatusPanels';
export { useAsync } from '../common/useAsync';
/** Who is signed in (user ref, ownership refs, email), as the shell's header shows it. */
export { useIdentity } from '../frame/IdentityContext';

/** Whether an entity gets a plugin's tab or card (Backstage's `isKind`, `hasAnnotation` conditions). */
export type EntityCondition = (entity: Entity) => boolean;

/** A page of its own, under the plugin's path. */
export interface PluginRoute {
  /** A client path such as `/tech-radar` (React Router syntax; no `*` catch-alls over the shell's own pages). */
  path: string;
  component: ComponentType;
}

export interface SidebarItem {
  to: string;
  label: string;
}

/** A card on the entity's overview, or a tab of its own, shown when `if` holds for the entity. */
export interface EntityContent {
  id: string;
  title: string;
  if: EntityCondition;
  component: ComponentType<{ entity: Entity }>;
}

/** One search result as the search API returns it (Backstage's `{type, document}`). */
export interface SearchResult {
  type: string;
  document: { title?: string; text?: string; location?: string; [field: string]: unknown };
}

/** Draws the results of one document type (`type`) in the search page. */
export interface SearchResultRenderer {
  type: string;
  component: ComponentType<{ result: SearchResult }>;
}

/** A UI plugin: the default export of its bundle. Every part is optional. */
export interface UiPlugin {
  id: string;
  routes?: PluginRoute[];
  sidebarItems?: SidebarItem[];
  entityTabs?: EntityContent[];
  entityCards?: EntityContent[];
  searchResultRenderers?: SearchResultRenderer[];
}

/** Types a plugin's definition; the identity at run time. */
export function definePlugin(plugin: UiPlugin): UiPlugin {
  return plugin;
}

/** Backstage's `isKind`: the entity's kind, case-insensitively. */
export function isKind(...kinds: string[]): EntityCondition {
  return (entity) => kinds.some((kind) => kind.toLowerCase() === entity.kind.toLowerCase());
}

/** The entity carries the annotation with a non-empty value (`github.com/project-slug`, `pagerduty.com/service-id`). */
export function hasAnnotation(name: string): EntityCondition {
  return (entity) => Boolean(entity.metadata.annotations?.[name]?.trim());
}
