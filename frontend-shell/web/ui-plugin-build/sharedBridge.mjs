import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The plugin side of the globals bridge (src/uiplugins/sharedModules.ts): every import of a
 * shared module in a plugin becomes a small module that reads the shell's instance from
 * `globalThis.__backlotSharedModules` and re-exports its names, so the bundle carries no React of
 * its own. Plain ES module code, no bundler feature beyond resolveId/load: it works the same in
 * Rollup (Vite 6/7) and Rolldown (Vite 8).
 */
const web = new URL('..', import.meta.url);
const require = createRequire(web);

export const SHARED_GLOBAL = '__backlotSharedModules';
const PREFIX = '\0backlot-shared:';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The names each shared module exports, read from the very packages the shell is built with. */
export function sharedExports() {
  const fromPackage = (name) => Object.keys(require(name)).filter((key) => key !== 'default' && IDENTIFIER.test(key));
  return {
    react: fromPackage('react'),
    'react/jsx-runtime': fromPackage('react/jsx-runtime'),
    'react-dom': fromPackage('react-dom'),
    'react-router-dom': fromPackage('react-router-dom'),
    '@backlot/ui-plugin-api': JSON.parse(readFileSync(new URL('src/uiplugins/pluginApiNames.json', web), 'utf8')),
  };
}

/** The versions the bundle is built against; the shell refuses a bundle of another major version. */
export function sharedVersions() {
  const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  return { react: version('react'), 'react-dom': version('react-dom'), 'react-router-dom': version('react-router-dom') };
}

/** Would be a second copy of a shared module: refused, so a plugin cannot carry its own React by accident. */
function unshared(id) {
  return /^(react|react-dom|react-router|react-router-dom|scheduler)(\/|$)/.test(id) || id.startsWith('@backlot/');
}

export function sharedBridge(exports = sharedExports()) {
  return {
    name: 'backlot-shared-modules',
    enforce: 'pre',
    resolveId(id) {
      if (Object.hasOwn(exports, id)) return PREFIX + id;
      if (unshared(id)) {
        this.error(`${id} is not shared with UI plugins; import one of ${Object.keys(exports).join(', ')}`);
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const names = exports[name];
      return [
        `const shared = globalThis[${JSON.stringify(SHARED_GLOBAL)}];`,
        `if (!shared) throw new Error('Backlot UI plugins run inside the Backlot portal, which shares ${name}');`,
        `const m = shared[${JSON.stringify(name)}];`,
        'export default (m.default ?? m);',
        names.length ? `export const { ${names.join(', ')} } = m;` : '',
      ].join('\n');
    },
  };
}
