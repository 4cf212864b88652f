// One journey through the web UI in a real headless Chromium (Debian's, never a downloaded one),
// driven by playwright-core. BrowserJourneyTest (JUnit) starts the OIDC provider, a real catalog
// loaded with examples/ and the shell, then runs this with:
//   BACKLOT_SHELL_URL    the shell, e.g. http://localhost:41234
//   BACKLOT_SCREENSHOTS  where screenshots go (under target/)
//   BACKLOT_CHROMIUM     the browser (default /usr/bin/chromium)
//   BACKLOT_CATALOG_FILE_URL  a catalog-info.yaml the catalog may read, for the register step
//   BACKLOT_UI_PLUGINS_FOLDER the folder the shell serves UI plugins from (backlot.ui-plugins.folder):
//                        the journey builds plugins/techradar, plugins/github-actions and its own test plugins into it
// Any failed step exits non-zero with what was expected and a screenshot of the page as it was.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildUiPlugin } from '../ui-plugin-build/build.mjs';
import { buildFixture } from './uiPluginFixtures.mjs';

const base = process.env.BACKLOT_SHELL_URL;
const screenshots = process.env.BACKLOT_SCREENSHOTS ?? 'target/screenshots';
const executablePath = process.env.BACKLOT_CHROMIUM ?? '/usr/bin/chromium';
const catalogFileUrl = process.env.BACKLOT_CATALOG_FILE_URL;
const uiPlugins = process.env.BACKLOT_UI_PLUGINS_FOLDER;
const TIMEOUT = 20_000;
// The repository the journey's template run creates; BrowserJourneyTest reads it back from its GitHub stand-in.
const NEW_REPOSITORY = 'journey-docs';
if (!base || !uiPlugins) {
  console.error('BACKLOT_SHELL_URL and BACKLOT_UI_PLUGINS_FOLDER must be set');
  process.exit(2);
}
// The Tech Radar, a UI plugin, is built apart from the shell, as its own pipeline builds it.
rmSync(uiPlugins, { recursive: true, force: true });
await buildUiPlugin(new URL('../../../plugins/techradar', import.meta.url).pathname, uiPlugins);
const pluginSources = join(uiPlugins, '..', 'ui-plugin-sources');
mkdirSync(screenshots, { recursive: true });
// A failure screenshot of an earlier run would mislead whoever reviews this one.
rmSync(join(screenshots, 'failure.png'), { force: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// axe-core from npm, run in the page: the same rules as the browser extensions teams use. Evaluated
// through the DevTools protocol, which the page's Content-Security-Policy does not govern, where a
// <script> element with the code in it would be refused as inline script.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Fails on any serious or critical WCAG 2 A/AA violation (contrast, names, labels, roles) of the page as shown. */
async function checkAccessibility(page, where) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.slice(0, 10).map((node) => node.target.join(' ')).join('; ')}`);
  });
  check(violations.length === 0, `accessibility of ${where}:\n  ${violations.join('\n  ')}`);
  console.log(`accessible: ${where}`);
}

/** On a phone the page must not scroll sideways: wide content (tables, code) scrolls in its own box. */
async function checkFitsWidth(page, where) {
  const [content, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(content <= viewport, `${where} is ${content}px wide in a ${viewport}px window`);
}

/**
 * Waits until `predicate` holds in the page, asking from here: page.waitForFunction polls by
 * evaluating a string in the page, which the shell's Content-Security-Policy refuses (no unsafe-eval).
 */
async function waitInPage(page, predicate) {
  for (const deadline = Date.now() + TIMEOUT; !(await page.evaluate(predicate)); await page.waitForTimeout(100)) {
    if (Date.now() > deadline) throw new Error(`no change within ${TIMEOUT} ms`);
  }
}

async function shot(page, name) {
  const file = join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot ${file}`);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// The local provider's certificate is made for the test and trusted by the shell's JVM only.
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const step = (name) => console.log(`step: ${name}`);
// The shell's Content-Security-Policy must not stop anything the UI does: Chromium reports each
// refusal on the console.
const policyViolations = [];
page.on('console', (message) => {
  if (/Content Security Policy/i.test(message.text())) policyViolations.push(`${page.url()}: ${message.text()}`);
});
// Swagger UI is its own chunk: the catalog's pages must never fetch it, API pages must.
const swaggerChunkLoads = [];
page.on('request', (request) => {
  if (/\/assets\/SwaggerDefinition-[^/]*\.js$/.test(new URL(request.url()).pathname)) swaggerChunkLoads.push(request.url());
});

try {
  step('a deep link to the catalog sends Grace Hopper through the provider\'s sign-in and back');
  await page.goto(`${base}/catalog`);
  await page.getByRole('button', { name: /Grace Hopper/ }).click();
  await page.waitForURL((url) => url.origin === base && url.pathname === '/catalog');
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  await page.getByTestId('user-ref').filter({ hasText: 'Grace Hopper' }).waitFor();
  await page.locator('table.entity-table tbody tr').first().waitFor();
  await shot(page, '1-catalog');
  await checkAccessibility(page, 'the catalog at 1280px');
  check(
    await page.evaluate(() => window.gtag === undefined && !document.querySelector('script[src*="googletagmanager"]')),
    'no analytics script without a GA4 measurement id',
  );

  step('the user menu opens from the keyboard and tells what Grace owns through');
  await page.locator('summary').filter({ hasText: 'Grace Hopper' }).focus();
  await page.keyboard.press('Enter');
  // exact: the Owner filter offers the group too, with its count.
  await page.getByText('group:default/platform-team', { exact: true }).waitFor();
  await page.keyboard.press('Enter');

  step('filtering by kind puts the kind in the URL and shows only components');
  await page.getByLabel('Kind').selectOption('Component');
  await page.waitForURL((url) => new URL(url).searchParams.get('kind')?.toLowerCase() === 'component');
  // Until the filtered page arrives the table shows the unfiltered one, or none while loading.
  const onlyComponents = () => {
    const kinds = [...document.querySelectorAll('table.entity-table tbody tr td:nth-child(2)')].map((cell) => cell.textContent);
    return kinds.length > 0 && kinds.every((kind) => kind === 'Component');
  };
  await waitInPage(page, onlyComponents).catch(async () => {
    throw new Error(`only components listed, got ${await page.locator('table.entity-table tbody tr td:nth-child(2)').allTextContents()}`);
  });
  await page.getByRole('link', { name: 'checkout-service' }).waitFor();
  await shot(page, '2-catalog-components');

  step('the filter survives a reload, and the page comes with the shell\'s Content-Security-Policy');
  const reloaded = await page.reload();
  const policy = reloaded.headers()['content-security-policy'] ?? '';
  check(/script-src 'self'[;]/.test(policy) && /object-src 'none'/.test(policy), `the page's Content-Security-Policy: ${policy}`);
  check((await page.getByLabel('Kind').inputValue()).toLowerCase() === 'component', 'the Kind filter after a reload');
  await page.getByRole('link', { name: 'checkout-service' }).waitFor();

  step('"owned by me" keeps the components of Grace Hopper\'s platform team');
  await page.getByLabel('Owned by me').check();
  await page.waitForURL((url) => new URL(url).searchParams.get('owned') === 'me');
  await page.getByRole('link', { name: 'backlot', exact: true }).waitFor();
  await page.getByRole('link', { name: 'checkout-service' }).waitFor({ state: 'detached' });
  await shot(page, '2b-catalog-owned-by-me');
  await page.getByLabel('Owned by me').uncheck();
  await page.getByRole('link', { name: 'checkout-service' }).waitFor();

  step('an entity page shows its about card, relations and relation graph');
  await page.getByRole('link', { name: 'checkout-service' }).click();
  await page.waitForURL(`${base}/catalog/default/component/checkout-service`);
  await page.getByRole('heading', { name: 'checkout-service', level: 1 }).waitFor();
  const about = page.getByRole('region', { name: 'About' });
  await about.getByRole('link', { name: 'payments-team', exact: true }).waitFor();
  await about.getByRole('link', { name: 'payments', exact: true }).waitFor();
  await page.getByRole('region', { name: 'Relations' }).getByText('ownedBy').waitFor();
  const graphNodes = await page.locator('svg.relation-graph a.node').count();
  check(graphNodes > 0, 'the relation graph draws the related entities');
  await shot(page, '3-entity');
  await checkAccessibility(page, 'an entity page at 1280px');

  step('the graph goes two steps out, and Grace, a catalog admin, may refresh the entity');
  await page.getByLabel('Depth').selectOption('2');
  await page.locator('svg.relation-graph a.node[href="/catalog/default/group/engineering"]').waitFor();
  await shot(page, '3b-entity-graph-depth-2');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('status').filter({ hasText: "read this entity's location again" }).waitFor();

  step('a starred entity is what the "Starred" filter shows');
  await page.getByRole('button', { name: 'Star checkout-service' }).click();
  check((await page.getByRole('button', { name: 'Star checkout-service' }).getAttribute('aria-pressed')) === 'true', 'the star is pressed');
  await page.goto(`${base}/catalog?starred=true`);
  await page.getByRole('link', { name: 'checkout-service' }).waitFor();
  const starredRows = await page.locator('table.entity-table tbody tr').count();
  check(starredRows === 1, `only the starred entity is listed, got ${starredRows} rows`);
  await shot(page, '3c-catalog-starred');
  await page.goBack();
  await page.getByRole('heading', { name: 'checkout-service', level: 1 }).waitFor();

  step('the entity page survives a reload, and a graph node leads to the related entity');
  await page.reload();
  await page.getByRole('heading', { name: 'checkout-service', level: 1 }).waitFor();
  await page.locator('svg.relation-graph a.node[href="/catalog/default/system/payments"]').click();
  await page.waitForURL(`${base}/catalog/default/system/payments`);
  await page.getByRole('heading', { name: 'payments', level: 1 }).waitFor();

  step('at 390px the sidebar folds behind the Menu button');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/catalog/default/component/checkout-service`);
  await page.getByRole('heading', { name: 'checkout-service', level: 1 }).waitFor();
  check(!(await page.getByRole('navigation', { name: 'Sections' }).isVisible()), 'the sidebar is folded away');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).waitFor();
  await shot(page, '4-entity-390px');
  await checkAccessibility(page, 'an entity page at 390px with the menu open');
  await checkFitsWidth(page, 'an entity page at 390px');
  await page.goto(`${base}/catalog`);
  await page.locator('table.entity-table tbody tr').first().waitFor();
  await shot(page, '4b-catalog-390px');
  await checkAccessibility(page, 'the catalog at 390px');
  await checkFitsWidth(page, 'the catalog at 390px');

  step('an unknown page says so');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/no/such/page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await shot(page, '5-not-found');
  await checkAccessibility(page, 'the 404 page');

  step('the header search finds entities from any page, on the search page');
  await page.getByLabel('Search the portal').fill('checkout');
  await page.getByLabel('Search the portal').press('Enter');
  await page.waitForURL((url) => new URL(url).pathname === '/search' && new URL(url).searchParams.get('term') === 'checkout');
  await page.getByRole('link', { name: 'checkout-service' }).waitFor();

  step('an API page renders its latest definition with Swagger UI and the breaking changes since the version before');
  check(swaggerChunkLoads.length === 0, `the catalog's pages loaded Swagger UI: ${swaggerChunkLoads}`);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'APIs' }).click();
  await page.waitForURL(`${base}/api-docs`);
  await page.getByRole('link', { name: 'payments-api' }).click();
  await page.waitForURL(`${base}/api-docs/default/payments-api`);
  const swagger = page.locator('.swagger-ui');
  await swagger.locator('.opblock-summary-path[data-path="/refunds"]').waitFor();
  await page.getByRole('region', { name: 'Breaking changes' }).getByText('DELETE /payments/{id}').waitFor();
  await page.getByRole('region', { name: 'Non-breaking changes' }).getByText('GET /refunds').waitFor();
  await shot(page, '6-api-latest-and-breaking-changes');
  check(swaggerChunkLoads.length > 0, 'the API page loaded Swagger UI as its own chunk');
  await checkAccessibility(page, 'an API page at 1280px');

  step('picking the older version puts it in the URL and shows its definition, also after a reload');
  const older = await page.getByLabel('Version', { exact: true }).locator('option').nth(1).getAttribute('value');
  await page.getByLabel('Version', { exact: true }).selectOption(older);
  await page.waitForURL((url) => new URL(url).searchParams.get('version') === older);
  await swagger.locator('.opblock-summary-path[data-path="/payments/{id}"]').waitFor();
  check((await swagger.locator('.opblock-summary-path[data-path="/refunds"]').count()) === 0, 'version 1.0.0 has no /refunds');
  await page.reload();
  await swagger.locator('.opblock-summary-path[data-path="/payments/{id}"]').waitFor();
  check((await page.getByLabel('Version', { exact: true }).inputValue()) === older, 'the version picked survives a reload');
  await shot(page, '7-api-older-version');

  step('registering a catalog file previews its entities, then adds them to the catalog');
  check(catalogFileUrl, 'BACKLOT_CATALOG_FILE_URL is set');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Register' }).click();
  await page.getByLabel('URL of a repository or a catalog-info.yaml').fill(catalogFileUrl);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('Component default/journey-registered-service').waitFor();
  await shot(page, '8-register-preview');
  await checkAccessibility(page, 'the register preview');
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Registered' }).waitFor();
  await shot(page, '9-registered');
  await page.getByRole('link', { name: 'Component default/journey-registered-service' }).click();
  await page.getByRole('heading', { name: 'journey-registered-service', level: 1 }).waitFor();
  await page.getByText('Registered by the browser journey.').waitFor();
  await shot(page, '10-registered-entity');

  step('unregistering it, once confirmed, removes its entities from the catalog');
  await page.getByRole('button', { name: 'Unregister' }).click();
  const confirm = page.getByRole('dialog', { name: 'Unregister journey-registered-service?' });
  await confirm.getByText(catalogFileUrl).waitFor();
  await shot(page, '10b-unregister-confirm');
  await checkAccessibility(page, 'the unregister dialog');
  await confirm.getByRole('button', { name: 'Unregister' }).click();
  await page.getByRole('status').filter({ hasText: `Unregistered ${catalogFileUrl}` }).waitFor();
  await page.reload();
  await page.getByText('There is no component default/journey-registered-service in the catalog.').waitFor();
  await shot(page, '10c-unregistered');

  step('the Tech Radar draws its entries, and one reached with the keyboard tells about itself');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Tech Radar' }).click();
  await page.waitForURL(`${base}/tech-radar`);
  const java = page.getByRole('button', { name: /Java 25: ADOPT in Languages/ });
  await java.waitFor();
  await java.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /Java 25/, level: 2 }).waitFor();
  await page.getByText('The language of every Backlot function.').waitFor();
  await shot(page, '11-tech-radar');
  await checkAccessibility(page, 'the Tech Radar at 1280px');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('heading', { name: 'Tech Radar', level: 1 }).waitFor();
  await shot(page, '12-tech-radar-390px');
  await checkAccessibility(page, 'the Tech Radar at 390px');
  await checkFitsWidth(page, 'the Tech Radar at 390px');
  await page.goto(`${base}/api-docs/default/payments-api`);
  await page.locator('.swagger-ui .opblock-summary-path[data-path="/refunds"]').waitFor();
  await shot(page, '13-api-390px');
  await checkAccessibility(page, 'an API page at 390px');
  await checkFitsWidth(page, 'an API page at 390px');
  await page.setViewportSize({ width: 1280, height: 800 });

  step('the checkout service\'s docs read in its Docs tab: nav, image, table of contents, search, links kept in the portal');
  await page.goto(`${base}/catalog/default/component/checkout-service`);
  await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'Docs' }).click();
  await page.waitForURL(`${base}/catalog/default/component/checkout-service/docs/`);
  const docs = page.locator('.techdocs-content');
  await docs.getByRole('heading', { name: 'Checkout service', level: 1 }).waitFor();
  await docs.locator('table td').filter({ hasText: 'Charge the customer' }).waitFor();
  await waitInPage(page, () => {
    const image = document.querySelector('.techdocs-content img');
    return image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0;
  });
  await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'What it does' }).waitFor();
  await page.getByRole('link', { name: 'Edit this page' }).waitFor();
  await shot(page, '11a-docs');
  await checkAccessibility(page, 'a docs page');
  await docs.getByRole('link', { name: 'runbook' }).first().click();
  await page.waitForURL(`${base}/catalog/default/component/checkout-service/docs/operations/runbook/`);
  await docs.getByRole('heading', { name: 'Runbook', level: 1 }).waitFor();
  await page.getByPlaceholder('Search these docs').fill('idempotency');
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: 'Architecture' }).click();
  await page.waitForURL(`${base}/catalog/default/component/checkout-service/docs/architecture/`);
  await docs.getByRole('heading', { name: 'Architecture', level: 1 }).waitFor();
  // The generator's Java fence is coloured in the reader (highlight.js, code.css), under the portal's CSP.
  await waitInPage(page, () => {
    const token = document.querySelector('.techdocs-content pre code.hljs .hljs-type');
    return token !== null && getComputedStyle(token).color !== getComputedStyle(token.closest('code')).color;
  });
  await checkAccessibility(page, 'a docs page with coloured code');
  await shot(page, '11b-docs-search');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Docs' }).click();
  await page.waitForURL(`${base}/docs`);
  await page.getByRole('link', { name: 'checkout-service' }).click();
  await page.waitForURL(`${base}/docs/default/component/checkout-service/`);
  await page.locator('.techdocs-content').getByRole('heading', { name: 'Checkout service', level: 1 }).waitFor();

  step('UI plugins built apart from the shell: a tab on a component, and a card that throws shown as an error in its place');
  const hello1 = await buildFixture(pluginSources, uiPlugins, 'journey-hello', '1.0.0');
  await buildFixture(pluginSources, uiPlugins, 'journey-thrower', '1.0.0');
  await page.goto(`${base}/catalog/default/component/checkout-service`);
  await page.getByRole('heading', { name: 'checkout-service', level: 1 }).waitFor();
  await page.getByRole('tabpanel').getByText('Hello from journey-hello 1.0.0').waitFor();
  // State and events work: the plugin's hooks run on the shell's own React.
  await page.getByRole('button', { name: 'Clicked 0 times' }).click();
  await page.getByRole('button', { name: 'Clicked 1 times' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'The journey-thrower plugin failed to show Broken card' }).waitFor();
  await page.getByRole('region', { name: 'About' }).getByRole('link', { name: 'payments-team', exact: true }).waitFor();
  await page.getByRole('region', { name: 'Relations' }).getByText('ownedBy').waitFor();
  await shot(page, '11b-ui-plugins');
  await checkAccessibility(page, 'an entity page with UI plugins');

  step('upgrading a UI plugin is a new bundle and manifest: the next page load shows it, the shell untouched');
  const hello2 = await buildFixture(pluginSources, uiPlugins, 'journey-hello', '2.0.0');
  check(hello2.bundle !== hello1.bundle, 'the new version has a bundle of its own');
  await page.reload();
  await page.getByRole('tabpanel').getByText('Hello from journey-hello 2.0.0').waitFor();
  const oldBundle = await page.request.get(`${base}${hello1.bundle}`);
  check(oldBundle.status() === 200 && /immutable/.test(oldBundle.headers()['cache-control']), 'the previous bundle stays served, cached for good');
  await shot(page, '11c-ui-plugin-upgraded');

  step('rolling a UI plugin back is putting the previous manifest back');
  const history = readdirSync(join(uiPlugins, 'manifests')).sort();
  const before = history.filter((name) => name.includes('journey-thrower-1.0.0')).at(-1);
  copyFileSync(join(uiPlugins, 'manifests', before), join(uiPlugins, 'manifest.json'));
  await page.reload();
  await page.getByRole('tabpanel').getByText('Hello from journey-hello 1.0.0').waitFor();

  step('the GitHub Actions tab (plugins/github-actions, built apart): runs the github function reads from GitHub, a run\'s jobs, re-run for an admin');
  await buildUiPlugin(new URL('../../../plugins/github-actions', import.meta.url).pathname, uiPlugins);
  await page.reload();
  await page.getByRole('tab', { name: 'CI/CD' }).click();
  const cicd = page.getByRole('tabpanel');
  await cicd.getByText('Recent workflow runs of acme/checkout-service').waitFor();
  await cicd.getByRole('row').filter({ hasText: 'Build #562' }).filter({ hasText: 'Create linter.yaml' }).filter({ hasText: 'queued' }).waitFor();
  await cicd.getByRole('row').filter({ hasText: 'Build #561' }).filter({ hasText: 'Fix the linter' }).filter({ hasText: '2m 12s' }).waitFor();
  check((await cicd.getByRole('link', { name: 'Build #561' }).getAttribute('href')) === 'https://github.com/acme/checkout-service/actions/runs/30433641',
    'the run links to GitHub');
  await cicd.getByRole('button', { name: 'Jobs of Build #561' }).click();
  await cicd.getByRole('region', { name: 'Jobs of run 30433641' }).getByText(/Run Tests · success/).waitFor();
  const rerunAsked = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/actions/runs/30433641/rerun'), { timeout: TIMEOUT });
  await cicd.getByRole('button', { name: 'Re-run Build #561' }).click();
  const rerunAnswer = await rerunAsked;
  check(rerunAnswer.status() === 202, `the github function answered the re-run with ${rerunAnswer.status()}`);
  await shot(page, '11d-github-actions');
  await checkAccessibility(page, 'the CI/CD tab');

  step('Grace finds the templates on the Create page, filters them by tag and picks one from examples/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Create' }).click();
  await page.waitForURL(`${base}/create`);
  await page.getByRole('heading', { name: 'GitHub repository' }).waitFor();
  await page.getByRole('heading', { name: 'Documentation site' }).waitFor();
  await page.getByLabel('Tag', { exact: true }).selectOption('github');
  await page.getByRole('heading', { name: 'Documentation site' }).waitFor({ state: 'detached' });
  await shot(page, '16-create');
  await checkAccessibility(page, 'the Create page');
  await page.getByRole('link', { name: 'Choose GitHub repository' }).click();
  await page.waitForURL(`${base}/create/templates/default/github-repository`);

  step('she fills the form page by page: a name the entity-name rule checks, an owner from the catalog, a repository');
  await page.getByRole('heading', { name: 'About the component' }).waitFor();
  await page.getByLabel(/^Name/).fill('-journey');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(/must start and end with a letter or digit/).first().waitFor();
  await page.getByLabel(/^Name/).fill(NEW_REPOSITORY);
  // A bare name is read as a group of the default namespace, as Backstage's OwnerPicker does.
  await page.getByLabel(/^Owner/).fill('platform-team');
  await page.getByLabel(/^Owner/).blur();
  check((await page.getByLabel(/^Owner/).inputValue()) === 'group:default/platform-team', 'the owner is completed to an entity reference');
  await checkAccessibility(page, "a template's form");
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Where to publish' }).waitFor();
  await page.getByLabel('Owner', { exact: true }).fill('acme');
  await page.getByLabel('Repository', { exact: true }).fill(NEW_REPOSITORY);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByText(`github.com?owner=acme&repo=${NEW_REPOSITORY}`).waitFor();
  await shot(page, '17-create-review');
  await page.getByRole('button', { name: 'Create' }).click();

  step('the task page follows its steps to completion and links to the new repository and the owner');
  await page.waitForURL((url) => url.pathname.startsWith('/create/tasks/'));
  await page.getByRole('status').filter({ hasText: 'Status: completed' }).waitFor({ timeout: 60_000 });
  const repositoryLink = await page.getByRole('link', { name: 'Repository', exact: true }).getAttribute('href');
  check(repositoryLink === `https://github.com/acme/${NEW_REPOSITORY}`, `the output links the repository, got ${repositoryLink}`);
  const log = await page.getByLabel('Task log').textContent();
  check(log.includes('[publish]') && log.includes('Run completed with status: completed'), `the log tells the steps, got:\n${log}`);
  for (const stepName of ['Write the catalog file', 'Publish to GitHub', 'Register in the catalog']) {
    const state = await page.getByRole('listitem').filter({ hasText: stepName }).textContent();
    check(/completed/.test(state), `step ${stepName}: ${state}`);
  }
  // Registered for Grace (an admin) by the scaffolder acting on her behalf: the new entity's page.
  const registered = await page.getByRole('link', { name: 'Open in catalog', exact: true }).getAttribute('href');
  check(registered === `/catalog/default/component/${NEW_REPOSITORY}`, `the output links the registered entity, got ${registered}`);
  await shot(page, '18-task');
  await checkAccessibility(page, 'a finished task');
  await page.getByRole('link', { name: 'Owner', exact: true }).click();
  await page.waitForURL(`${base}/catalog/default/group/platform-team`);

  step('the template editor dry-runs the same template with values and shows the file it would push and the log');
  await page.goto(`${base}/create/edit`);
  await page.getByLabel('Template YAML').fill(readFileSync(new URL('../../../examples/templates/github-repository/template.yaml', import.meta.url), 'utf8'));
  await page.getByLabel(/^Name/).fill('journey-editor');
  await page.getByLabel('Owner *', { exact: true }).fill('group:default/platform-team');
  await page.getByLabel('Owner', { exact: true }).fill('acme');
  await page.getByLabel('Repository', { exact: true }).fill('journey-editor');
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.getByRole('button', { name: 'catalog-info.yaml' }).click();
  const produced = await page.getByLabel('File contents').textContent();
  check(produced.includes('name: journey-editor') && produced.includes('owner: group:default/platform-team'), `the dry run's catalog-info.yaml:\n${produced}`);
  check((await page.getByLabel('Dry-run log').textContent()).includes('[write]'), 'the dry-run log tells the steps');
  await shot(page, '19-template-editor');
  await checkAccessibility(page, 'the template editor after a dry run');

  step('Grace, an RBAC administrator, finds the RBAC section and creates a role with a policy');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'RBAC' }).click();
  await page.getByRole('heading', { name: 'Roles and permissions' }).waitFor();
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByLabel('Role name').fill('journey-readers');
  await page.getByLabel('Members (user or group references, one per line)').fill('group:default/platform-team');
  await page.getByRole('button', { name: 'Add policy' }).click();
  await page.getByLabel('Permission 1').fill('catalog-entity');
  await page.getByLabel('Action 1').fill('read');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: 'role:default/journey-readers', exact: true }).waitFor();
  await page.getByText('catalog-entity read: allow').waitFor();
  await shot(page, '14-rbac');
  await checkAccessibility(page, 'the RBAC page');

  step('Grace gives the role a conditional policy: a rule the catalog publishes, its params from the rule\'s schema');
  await page.getByRole('button', { name: 'Conditions of role:default/journey-readers' }).click();
  await page.getByRole('button', { name: 'Add conditional policy' }).click();
  const conditionForm = page.getByRole('form', { name: 'Conditional policy' });
  await conditionForm.getByLabel('Rule 1').selectOption('catalog IS_ENTITY_OWNER');
  await conditionForm.getByLabel('claims (required), one per line').fill('$ownerRefs');
  await conditionForm.getByLabel('read', { exact: true }).check();
  await checkAccessibility(page, 'the conditional-policy editor');
  await conditionForm.getByRole('button', { name: 'Save conditional policy' }).click();
  await page.getByText(/catalog catalog-entity read: IS_ENTITY_OWNER/).waitFor();
  await shot(page, '14b-rbac-condition');
  await page.getByRole('button', { name: 'Back to roles' }).click();

  step('signing out ends the session at the provider too (the form may redirect there) and says so');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${base}/signed-out`);
  await page.getByRole('heading', { name: 'You signed out' }).waitFor();

  step('Ada Lovelace, who is not an RBAC administrator, sees no RBAC section and no controls on its page');
  // The sidebar asks the permission plugin once whether she may manage roles: judge it by that answer.
  const askedAboutAda = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/permission/roles', { timeout: TIMEOUT });
  await page.goto(`${base}/catalog`);
  await page.getByRole('button', { name: /Ada Lovelace/ }).click();
  await page.waitForURL((url) => url.origin === base && url.pathname === '/catalog');
  await page.getByTestId('user-ref').filter({ hasText: 'Ada Lovelace' }).waitFor();
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('link', { name: 'Register' }).waitFor();
  const answer = await askedAboutAda;
  check(answer.status() === 403, `the permission plugin answered Ada's role list with ${answer.status()}, not 403`);
  check((await sections.getByRole('link', { name: 'RBAC' }).count()) === 0, 'Ada sees the RBAC section');
  await page.goto(`${base}/rbac`);
  await page.getByRole('heading', { name: 'Only RBAC administrators manage roles' }).waitFor();
  check((await page.getByRole('button', { name: 'Create role' }).count()) === 0, 'Ada is offered to create a role');
  await shot(page, '15-rbac-not-admin');

  check(policyViolations.length === 0, `the Content-Security-Policy refused what the UI needs:\n  ${policyViolations.join('\n  ')}`);
  console.log('journey passed');
} catch (error) {
  console.error(`journey failed at ${page.url()}: ${error.message}`);
  await shot(page, 'failure').catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
