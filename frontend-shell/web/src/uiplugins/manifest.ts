/**
 * The manifest of installed UI plugins, as the shell serves it at /ui-plugins/manifest.json:
 * `{"plugins": [{"id", "version", "bundle", "styles", "shared"}]}`. It is read as untrusted input: a
 * bundle is imported only from the shell's own origin, below /ui-plugins/bundles/<id>/, with a
 * content-hashed file name, so a tampered or mistaken manifest cannot make the portal run a
 * script from anywhere else (the CSP's `script-src 'self'` would refuse it too; this refuses it
 * with an error people can read, and before a request is made).
 */
export const MANIFEST_PATH = '/ui-plugins/manifest.json';
export const BUNDLES_PATH = '/ui-plugins/bundles/';
/** More is a mistake in the manifest, not a portal. */
export const MAX_PLUGINS = 100;

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** `<name>-<hash>.js` (or `.css`), the hash at least 8 characters of [A-Za-z0-9_-] as ui-plugin-build/build.mjs writes it. */
const BUNDLE_FILE = /^[a-z0-9][a-z0-9.-]*-[A-Za-z0-9_-]{8,}\.js$/;
const STYLE_FILE = /^[a-z0-9][a-z0-9.-]*-[A-Za-z0-9_-]{8,}\.css$/;

export interface ManifestEntry {
  id: string;
  version: string;
  /** Absolute path on the shell's origin. */
  bundle: string;
  /** Its stylesheets, same rules as the bundle (the CSP's `style-src 'self'` allows only these, never inline styles). */
  styles: string[];
  /** The versions of the shared modules the bundle was built against (react, react-router-dom, …). */
  shared: Record<string, string>;
}

/** An entry the portal will not load, and why. */
export interface RefusedEntry {
  id: string;
  message: string;
}

export interface ReadManifest {
  entries: ManifestEntry[];
  refused: RefusedEntry[];
}

/** The entries that may be loaded, and the others with the reason; never throws on a bad entry. */
export function readManifest(body: unknown): ReadManifest {
  const plugins = (body as { plugins?: unknown } | null)?.plugins;
  if (!Array.isArray(plugins)) {
    throw new Error('The UI plugin manifest has no "plugins" list');
  }
  const entries: ManifestEntry[] = [];
  const refused: RefusedEntry[] = [];
  const seen = new Set<string>();
  plugins.forEach((raw: unknown, index) => {
    const entry = (raw ?? {}) as Partial<Record<keyof ManifestEntry, unknown>>;
    const id = typeof entry.id === 'string' ? entry.id : `#${index + 1}`;
    const problem = index >= MAX_PLUGINS ? `the manifest lists more than ${MAX_PLUGINS} plugins` : problemWith(entry, seen);
    if (problem) {
      refused.push({ id, message: `UI plugin ${JSON.stringify(id).slice(0, 80)} is not loaded: ${problem}` });
      return;
    }
    seen.add(id);
    entries.push({ id, version: entry.version as string, bundle: entry.bundle as string, styles: (entry.styles as string[] | undefined) ?? [], shared: sharedVersions(entry.shared) });
  });
  return { entries, refused };
}

function problemWith(entry: Partial<Record<keyof ManifestEntry, unknown>>, seen: Set<string>): string | undefined {
  if (typeof entry.id !== 'string' || !PLUGIN_ID.test(entry.id)) {
    return 'its id must be lower-case letters, digits and dashes (at most 63)';
  }
  if (seen.has(entry.id)) return 'the manifest lists it twice';
  if (typeof entry.version !== 'string' || entry.version.length === 0 || entry.version.length > 64) {
    return 'it has no version';
  }
  if (typeof entry.bundle !== 'string') return 'it names no bundle';
  const styles = entry.styles ?? [];
  if (!Array.isArray(styles) || styles.length > 10) return 'its styles must be a list of at most 10 files';
  for (const style of styles) {
    const problem = typeof style === 'string' ? fileProblem(entry.id, style, STYLE_FILE, 'stylesheet') : 'its styles must be paths';
    if (problem) return problem;
  }
  return fileProblem(entry.id, entry.bundle, BUNDLE_FILE, 'bundle');
}

/** A plain path below the plugin's own folder; the file name is checked as written, before any URL normalisation. */
function fileProblem(id: string, path: string, pattern: RegExp, what: string): string | undefined {
  const folder = `${BUNDLES_PATH}${id}/`;
  if (!path.startsWith(folder)) return `its ${what} must be served by the portal below ${folder}`;
  const file = path.slice(folder.length);
  if (!pattern.test(file) || file.includes('..')) return `its ${what} must be a content-hashed file of that folder`;
  return undefined;
}

function sharedVersions(shared: unknown): Record<string, string> {
  if (typeof shared !== 'object' || shared === null) return {};
  return Object.fromEntries(Object.entries(shared).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}
