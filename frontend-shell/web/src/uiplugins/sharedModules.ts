import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import * as ReactRouterDom from 'react-router-dom';
import * as pluginApi from './pluginApi';

/**
 * The globals bridge: the one React, react-dom and React Router of the shell (and its plugin API),
 * put where a plugin's bundle finds them. A plugin built by ui-plugins/build-ui-plugin.mjs imports
 * these specifiers from a small generated module that reads `globalThis[SHARED_GLOBAL]`, so it never
 * carries a second React (two Reacts break hooks and context, and a second router would not see the
 * shell's location).
 */
export const SHARED_GLOBAL = '__backlotSharedModules';

/** What a plugin may import from the shell, with the version it was built against checked by major version. */
export const SHARED_MODULES = {
  react: React,
  'react/jsx-runtime': jsxRuntime,
  'react-dom': ReactDOM,
  'react-router-dom': ReactRouterDom,
  '@backlot/ui-plugin-api': pluginApi,
} as const;

/** The versions a plugin is checked against (the packages' own, as the build records them). */
export const SHARED_VERSIONS: Record<string, string> = {
  react: React.version,
  'react-dom': ReactDOM.version,
};

export function installSharedModules(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>) {
  if (!target[SHARED_GLOBAL]) {
    Object.defineProperty(target, SHARED_GLOBAL, { value: Object.freeze({ ...SHARED_MODULES }), enumerable: false });
  }
}
