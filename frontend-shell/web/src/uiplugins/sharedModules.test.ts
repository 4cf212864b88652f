import { describe, expect, it } from 'vitest';
import * as pluginApi from './pluginApi';
import names from './pluginApiNames.json';
import { installSharedModules, SHARED_GLOBAL, SHARED_MODULES } from './sharedModules';

describe('the modules the shell shares with UI plugins', () => {
  it('lists for plugin builds exactly what the plugin API exports, so a plugin never imports a name the portal lacks', () => {
    expect([...names].sort()).toEqual(Object.keys(pluginApi).sort());
  });

  it('puts the shell’s own instances where a plugin’s bundle reads them, and a plugin cannot replace them', () => {
    const target: Record<string, unknown> = {};
    installSharedModules(target);
    const shared = target[SHARED_GLOBAL] as typeof SHARED_MODULES;
    expect(shared.react).toBe(SHARED_MODULES.react);
    expect(shared['@backlot/ui-plugin-api']).toBe(pluginApi);
    expect(() => {
      target[SHARED_GLOBAL] = {};
    }).toThrow();
    expect(() => {
      (shared as Record<string, unknown>).react = {};
    }).toThrow();
  });
});
