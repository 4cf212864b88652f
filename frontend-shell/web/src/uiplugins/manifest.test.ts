import { describe, expect, it } from 'vitest';
import { readManifest } from './manifest';

const GOOD = {
  id: 'techradar',
  version: '1.2.0',
  bundle: '/ui-plugins/bundles/techradar/techradar-1.2.0-AbC123_x.js',
  styles: ['/ui-plugins/bundles/techradar/techradar-1.2.0-Zz99Yy88.css'],
  shared: { react: '18.3.1' },
};

describe('the UI plugin manifest', () => {
  it('accepts a content-hashed bundle below the plugin’s own folder on the portal', () => {
    expect(readManifest({ plugins: [GOOD] })).toEqual({ entries: [GOOD], refused: [] });
  });

  it('refuses a bundle on another origin, however it is written', () => {
    const elsewhere = [
      'https://evil.example/ui-plugins/bundles/techradar/techradar-1.2.0-AbC123_x.js',
      '//evil.example/ui-plugins/bundles/techradar/techradar-1.2.0-AbC123_x.js',
      '/\\evil.example/ui-plugins/bundles/techradar/techradar-1.2.0-AbC123_x.js',
      'data:text/javascript,alert(1)//-AbC123_x.js',
      'blob:https://portal.example/1234-5678',
      'javascript:alert(1)',
    ];
    for (const bundle of elsewhere) {
      const { entries, refused } = readManifest({ plugins: [{ ...GOOD, bundle }] });
      expect(entries).toEqual([]);
      expect(refused[0].message).toContain('must be served by the portal below /ui-plugins/bundles/techradar/');
    }
  });

  it('refuses a path traversal in the bundle or the plugin id', () => {
    const traversals = [
      '/ui-plugins/bundles/techradar/../other/other-1.0.0-AbC123_x.js',
      '/ui-plugins/bundles/techradar/%2e%2e/other-AbC123_x.js',
      '/ui-plugins/bundles/techradar/..%2fapi%2fx-AbC123_x.js',
      '/ui-plugins/bundles/techradar/sub/techradar-AbC123_x.js',
      '/ui-plugins/bundles/techradar/techradar.js',
      '/ui-plugins/bundles/techradar/techradar-AbC123_x.js?x=1',
    ];
    for (const bundle of traversals) {
      expect(readManifest({ plugins: [{ ...GOOD, bundle }] }).refused).toHaveLength(1);
    }
    for (const styles of [['https://evil.example/x-AbC123_x.css'], ['/ui-plugins/bundles/techradar/../x/x-AbC123_x.css'], '/x.css', [1]]) {
      expect(readManifest({ plugins: [{ ...GOOD, styles }] }).refused).toHaveLength(1);
    }
    for (const id of ['../api', 'techradar/../x', 'TechRadar', '', 'a'.repeat(64), '.hidden']) {
      const { entries, refused } = readManifest({ plugins: [{ ...GOOD, id, bundle: `/ui-plugins/bundles/${id}/x-AbC123_x.js` }] });
      expect(entries).toEqual([]);
      expect(refused[0].message).toContain('its id must be lower-case letters');
    }
  });

  it('loads the others when one entry is wrong, and refuses a second entry of the same id', () => {
    const { entries, refused } = readManifest({
      plugins: [{ id: 'broken' }, GOOD, { ...GOOD, bundle: '/ui-plugins/bundles/techradar/techradar-2.0.0-ZZZZZZZZ.js' }, null],
    });
    expect(entries).toEqual([GOOD]);
    expect(refused.map((entry) => entry.message)).toEqual([
      'UI plugin "broken" is not loaded: it has no version',
      'UI plugin "techradar" is not loaded: the manifest lists it twice',
      'UI plugin "#4" is not loaded: its id must be lower-case letters, digits and dashes (at most 63)',
    ]);
  });

  it('says so when the answer is no manifest at all', () => {
    expect(() => readManifest('<html>')).toThrow('The UI plugin manifest has no "plugins" list');
  });
});
