// @vitest-environment node
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the build, without type declarations.
import { buildUiPlugin } from './build.mjs';

const BASE_TSCONFIG = new URL('../../../plugins/tsconfig.ui-plugin.json', import.meta.url).pathname;

/** A plugin folder `id` with `source` as its src/index.tsx, in a fresh temporary folder. */
function pluginFolder(id: string, source: string, version = '1.0.0') {
  const dir = join(mkdtempSync(join(tmpdir(), 'ui-plugin-src-')), id);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: id, version }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: BASE_TSCONFIG, include: ['src'] }));
  writeFileSync(join(dir, 'src/index.tsx'), source);
  return dir;
}

const page = (id: string, text: string) => `import { definePlugin } from '@backlot/ui-plugin-api';
import { useState } from 'react';
function Page() { const [n] = useState(1); return <p>${text} {n}</p>; }
export default definePlugin({ id: '${id}', routes: [{ path: '/${id}', component: Page }] });
`;

describe('building a UI plugin', () => {
  it('writes a content-hashed bundle without React in it and adds the plugin to the manifest, keeping the others', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ui-plugins-'));
    const first = await buildUiPlugin(pluginFolder('alpha', page('alpha', 'Alpha')), out);
    const again = await buildUiPlugin(pluginFolder('alpha', page('alpha', 'Alpha')), out);
    await buildUiPlugin(pluginFolder('beta', page('beta', 'Beta')), out);

    expect(first.bundle).toMatch(/^\/ui-plugins\/bundles\/alpha\/alpha-1\.0\.0-[A-Za-z0-9_-]{16}\.js$/);
    expect(again.bundle).toBe(first.bundle);
    const bundle = readFileSync(join(out, first.bundle.replace('/ui-plugins/', '')), 'utf8');
    expect(bundle).toContain('__backlotSharedModules');
    expect(bundle).not.toMatch(/react\.production|ReactCurrentDispatcher/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.plugins.map((plugin: { id: string }) => plugin.id)).toEqual(['alpha', 'beta']);
    expect(manifest.plugins[0].shared.react).toMatch(/^18\./);
    expect(readdirSync(join(out, 'manifests'))).toHaveLength(3);
  }, 60_000);

  it('gives a changed plugin a new bundle and leaves the old one for pages still open and for rollback', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ui-plugins-'));
    const one = await buildUiPlugin(pluginFolder('alpha', page('alpha', 'One')), out);
    const two = await buildUiPlugin(pluginFolder('alpha', page('alpha', 'Two'), '1.0.1'), out);
    expect(two.bundle).not.toBe(one.bundle);
    expect(readdirSync(join(out, 'bundles/alpha')).filter((name) => name.endsWith('.js'))).toHaveLength(2);
  }, 60_000);

  it('refuses a plugin that would carry a React of its own, and a folder name that is no plugin id', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ui-plugins-'));
    const ownReact = `import { createRoot } from 'react-dom/client';\nexport default { id: 'rogue', createRoot };\n`;
    await expect(buildUiPlugin(pluginFolder('rogue', ownReact), out)).rejects.toThrow('react-dom/client is not shared with UI plugins');
    await expect(buildUiPlugin(pluginFolder('Bad_Name', page('bad', 'x')), out)).rejects.toThrow("A UI plugin's folder is its id");
  }, 60_000);
});
