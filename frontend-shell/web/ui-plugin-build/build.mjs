#!/usr/bin/env node
// Builds one UI plugin (a plugins/<id>/ folder) into a content-hashed ES module bundle and records
// it in a folder laid out as the shell serves it:
//   <out>/bundles/<id>/<id>-<version>-<hash>.js (and .css)   never overwritten, cached for a year
//   <out>/manifest.json                                      the installed plugins, served uncached
//   <out>/manifests/<time>-<id>-<version>.json               every manifest written: rollback = copy one back
// Usage: node ui-plugin-build/build.mjs <plugin folder> <out folder>
// The shell is not rebuilt: its web app's toolchain (this folder's node_modules) builds the plugin.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { sharedBridge, sharedVersions } from './sharedBridge.mjs';

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

export async function buildUiPlugin(pluginDir, outDir, { now = new Date() } = {}) {
  pluginDir = resolve(pluginDir);
  outDir = resolve(outDir);
  const id = basename(pluginDir);
  if (!PLUGIN_ID.test(id)) throw new Error(`A UI plugin's folder is its id: lower-case letters, digits and dashes, not "${id}"`);
  const { version } = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
  if (typeof version !== 'string' || !VERSION.test(version)) throw new Error(`plugins/${id}/package.json needs a version`);

  typeCheck(pluginDir);
  const staging = mkdtempSync(join(tmpdir(), `ui-plugin-${id}-`));
  // Vite and the React plugin take production mode from NODE_ENV; under another value (a test
  // run, a developer's shell) JSX would import react/jsx-dev-runtime, which the shell does not share.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      mode: 'production',
      root: pluginDir,
      logLevel: 'warn',
      plugins: [sharedBridge(), react()],
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: staging,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        cssCodeSplit: false,
        lib: { entry: join(pluginDir, 'src/index.tsx'), formats: ['es'], fileName: () => `${id}.js`, cssFileName: id },
      },
    });
    const entry = { id, version, bundle: '', styles: [], shared: sharedVersions() };
    const folder = join(outDir, 'bundles', id);
    mkdirSync(folder, { recursive: true });
    for (const file of readdirSync(staging)) {
      const extension = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
      if (!extension) continue;
      const content = readFileSync(join(staging, file));
      const hash = createHash('sha256').update(content).digest('base64url').slice(0, 16);
      const name = `${id}-${version}-${hash}.${extension}`;
      // Content-addressed: a name once published always means the same bytes.
      if (!existsSync(join(folder, name))) copyFileSync(join(staging, file), join(folder, name));
      const path = `/ui-plugins/bundles/${id}/${name}`;
      if (extension === 'js') entry.bundle = path;
      else entry.styles.push(path);
    }
    if (!entry.bundle) throw new Error(`the build of ${id} wrote no bundle`);
    writeManifest(outDir, entry, now);
    return entry;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(staging, { recursive: true, force: true });
  }
}

function typeCheck(pluginDir) {
  const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(pluginDir, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${basename(pluginDir)} does not type-check`);
}

/** The manifest with this plugin's entry replaced; written whole to a new file, then renamed over the old. */
function writeManifest(outDir, entry, now) {
  const path = join(outDir, 'manifest.json');
  const current = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { plugins: [] };
  const plugins = [...current.plugins.filter((other) => other.id !== entry.id), entry].sort((a, b) => a.id.localeCompare(b.id));
  const text = `${JSON.stringify({ plugins }, null, 2)}\n`;
  mkdirSync(join(outDir, 'manifests'), { recursive: true });
  writeFileSync(join(outDir, 'manifests', `${now.toISOString().replace(/[:.]/g, '-')}-${entry.id}-${entry.version}.json`), text);
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const [pluginDir, outDir] = process.argv.slice(2);
  if (!pluginDir || !outDir) {
    console.error('usage: node ui-plugin-build/build.mjs <plugin folder> <out folder>');
    process.exit(2);
  }
  buildUiPlugin(pluginDir, outDir).then(
    (entry) => console.log(`[backlot] UI plugin ${entry.id} ${entry.version}: ${entry.bundle}`),
    (error) => {
      console.error(`[backlot] ${error.message}`);
      process.exit(1);
    },
  );
}
