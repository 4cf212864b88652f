// UI plugins for the browser journey, written to a folder of their own and built exactly as a
// plugin's pipeline builds one (ui-plugin-build/build.mjs), into the folder the running shell
// serves: the shell is never rebuilt or restarted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildUiPlugin } from '../ui-plugin-build/build.mjs';

const BASE_TSCONFIG = new URL('../../../plugins/tsconfig.ui-plugin.json', import.meta.url).pathname;

/** A tab on every component saying which version of the plugin draws it. */
const HELLO = `import { definePlugin, isKind } from '@backlot/ui-plugin-api';
import { useState } from 'react';
import { version } from '../package.json';

function Hello() {
  const [clicks, setClicks] = useState(0);
  return (
    <div>
      <p>Hello from journey-hello {version}</p>
      <button type="button" onClick={() => setClicks(clicks + 1)}>Clicked {clicks} times</button>
    </div>
  );
}

export default definePlugin({
  id: 'journey-hello',
  entityTabs: [{ id: 'hello', title: 'Hello', if: isKind('component'), component: Hello }],
});
`;

/** A card that throws on every component, and nothing else. */
const THROWER = `import { definePlugin } from '@backlot/ui-plugin-api';

function Broken(): never {
  throw new Error('journey-thrower breaks on purpose');
}

export default definePlugin({
  id: 'journey-thrower',
  entityCards: [{ id: 'broken', title: 'Broken card', if: (entity) => entity.kind === 'Component', component: Broken }],
});
`;

export const FIXTURES = { 'journey-hello': HELLO, 'journey-thrower': THROWER };

/** Writes plugin `id` at `version` under `sources` and builds it into `served`; returns its manifest entry. */
export async function buildFixture(sources, served, id, version) {
  const dir = join(sources, id);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: id, private: true, version, type: 'module' }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: BASE_TSCONFIG, include: ['src', 'package.json'] }));
  writeFileSync(join(dir, 'src/index.tsx'), FIXTURES[id]);
  return buildUiPlugin(dir, served);
}
