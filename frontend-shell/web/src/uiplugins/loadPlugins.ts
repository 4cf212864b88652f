import { fetchJson } from '../api/http';
import { MANIFEST_PATH, ManifestEntry, readManifest } from './manifest';
import type { UiPlugin } from './pluginApi';
import { installSharedModules, SHARED_VERSIONS } from './sharedModules';

/** A plugin whose bundle did not load or whose module is not a plugin: shown in its place instead of its content. */
export interface PluginFailure {
  id: string;
  message: string;
}

export interface LoadedPlugins {
  plugins: UiPlugin[];
  failures: PluginFailure[];
}

/** How long one bundle may take before the portal goes on without it. */
export const LOAD_TIMEOUT_MS = 15_000;

/** `import()` of a same-origin URL; tests pass their own, the browser journey uses this one. */
export type ImportModule = (url: string) => Promise<unknown>;
const importFromPortal: ImportModule = (url) => import(/* @vite-ignore */ url);

/**
 * Reads the manifest and imports every bundle it allows, side by side; a bundle that fails (not
 * found, throws while it loads, exports no plugin, built for another React) becomes a failure of
 * that plugin only.
 */
export async function loadPlugins(importModule: ImportModule = importFromPortal): Promise<LoadedPlugins> {
  installSharedModules();
  const { entries, refused } = readManifest(await fetchJson<unknown>(MANIFEST_PATH));
  const results = await Promise.all(entries.map((entry) => loadOne(entry, importModule)));
  return {
    plugins: results.flatMap((result) => ('plugin' in result ? [result.plugin] : [])),
    failures: [...refused, ...results.flatMap((result) => ('failure' in result ? [result.failure] : []))],
  };
}

async function loadOne(entry: ManifestEntry, importModule: ImportModule): Promise<{ plugin: UiPlugin } | { failure: PluginFailure }> {
  const fail = (why: string) => ({ failure: { id: entry.id, message: `UI plugin "${entry.id}" ${entry.version} could not load: ${why}` } });
  const mismatch = Object.entries(entry.shared).find(([name, version]) => SHARED_VERSIONS[name] && major(SHARED_VERSIONS[name]) !== major(version));
  if (mismatch) {
    return fail(`it was built for ${mismatch[0]} ${mismatch[1]}, the portal has ${SHARED_VERSIONS[mismatch[0]]}`);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS);
    });
    const module = (await Promise.race([importModule(entry.bundle), timeout])) as { default?: unknown };
    const plugin = module?.default as UiPlugin | undefined;
    if (!plugin || typeof plugin !== 'object' || plugin.id !== entry.id) {
      return fail(`its bundle's default export is not the plugin "${entry.id}"`);
    }
    entry.styles.forEach(linkStylesheet);
    return { plugin };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

function major(version: string): string {
  return version.replace(/^[^\d]*/, '').split('.')[0];
}

/** A plugin's stylesheet, from the portal (readManifest checked the path); once per page load. */
function linkStylesheet(href: string) {
  if ([...document.head.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.getAttribute('href') === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
