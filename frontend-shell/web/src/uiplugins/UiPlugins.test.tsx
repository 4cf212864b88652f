import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { json } from '../testing/fakeApi';
import { component } from '../testing/fakeCatalog';
import { fakeShell } from '../testing/fakeShell';
import { definePlugin, hasAnnotation, UiPlugin } from './pluginApi';
import { forgetUiPlugins, PluginSearchResult } from './UiPlugins';

afterEach(() => vi.unstubAllGlobals());

const bundle = (id: string, version = '1.0.0') => `/ui-plugins/bundles/${id}/${id}-${version}-Hash1234.js`;
const entry = (id: string, extra: object = {}) => ({ id, version: '1.0.0', bundle: bundle(id), shared: { react: '18.3.1' }, ...extra });

const greeter = definePlugin({
  id: 'greeter',
  routes: [{ path: '/greetings/*', component: () => <h1>Greetings from a plugin</h1> }],
  sidebarItems: [{ to: '/greetings', label: 'Greetings' }],
  entityCards: [{ id: 'slug', title: 'Slug', if: hasAnnotation('github.com/project-slug'), component: ({ entity }) => <p>Slug card of {entity.metadata.name}</p> }],
  entityTabs: [{ id: 'ci', title: 'CI/CD', if: hasAnnotation('github.com/project-slug'), component: () => <p>Workflow runs</p> }],
  searchResultRenderers: [{ type: 'greeting', component: ({ result }) => <p>Greeting: {result.document.title}</p> }],
});

const thrower = definePlugin({
  id: 'thrower',
  entityCards: [{ id: 'boom', title: 'Boom', if: () => true, component: () => { throw new Error('the card broke'); } }],
  entityTabs: [{ id: 'boom', title: 'Broken tab', if: () => { throw new Error('the condition broke'); }, component: () => <p>never</p> }],
});

const withSlug = component('payments', { annotations: { 'github.com/project-slug': 'acme/payments' } });
const withoutSlug = component('ledger');

/** The whole app at `path`, the shell answering with `manifest` and the bundles from `modules` (a function: it throws). */
function openApp(path: string, manifest: unknown, modules: Record<string, UiPlugin | (() => never)>) {
  const imported: string[] = [];
  forgetUiPlugins(async (url) => {
    imported.push(url);
    const found = Object.entries(modules).find(([id]) => url === bundle(id));
    if (!found) throw new Error(`Failed to fetch dynamically imported module: ${url}`);
    const module = found[1];
    return { default: typeof module === 'function' ? module() : module };
  });
  fakeShell({ plugins: ['catalog'] }, (url) => {
    if (url.pathname === '/ui-plugins/manifest.json') return json(manifest);
    if (url.pathname.endsWith('/entities/by-name/component/default/payments')) return json(withSlug);
    if (url.pathname.endsWith('/entities/by-name/component/default/ledger')) return json(withoutSlug);
    return undefined;
  });
  render(<MemoryRouter initialEntries={[path]}><App /></MemoryRouter>);
  return imported;
}

const sidebar = () => screen.getByRole('navigation', { name: 'Sections' });

describe('UI plugins', () => {
  it('adds a plugin’s page and sidebar link, and its card and tab to entities that match its condition', async () => {
    openApp('/greetings/hello', { plugins: [entry('greeter')] }, { greeter });
    expect(await screen.findByRole('heading', { name: 'Greetings from a plugin' })).toBeTruthy();
    expect(within(sidebar()).getByRole('link', { name: 'Greetings' }).getAttribute('href')).toBe('/greetings');
  });

  it('shows the card and tab on an entity with the annotation, and neither on one without', async () => {
    openApp('/catalog/default/component/payments', { plugins: [entry('greeter')] }, { greeter });
    expect(await screen.findByText('Slug card of payments')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'CI/CD' }).getAttribute('aria-selected')).toBe('true');
    expect(within(screen.getByRole('tabpanel')).getByText('Workflow runs')).toBeTruthy();
  });

  it('adds nothing to an entity without the annotation', async () => {
    openApp('/catalog/default/component/ledger', { plugins: [entry('greeter')] }, { greeter });
    await screen.findByRole('heading', { name: 'ledger' });
    await within(sidebar()).findByRole('link', { name: 'Greetings' });
    expect(screen.queryByText(/Slug card/)).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('keeps the entity page working when a plugin’s card throws, showing the error in the card’s place', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    openApp('/catalog/default/component/payments', { plugins: [entry('thrower'), entry('greeter')] }, { thrower, greeter });
    const broken = await screen.findByRole('alert');
    expect(broken.textContent).toContain('The thrower plugin failed to show Boom');
    expect(broken.textContent).toContain('the card broke');
    expect(screen.getByRole('heading', { name: 'payments', level: 1 })).toBeTruthy();
    expect(screen.getByText('Slug card of payments')).toBeTruthy();
    // The tab whose condition throws is left out; the other plugin's tab is there.
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['CI/CD']);
    errors.mockRestore();
  });

  it('keeps the portal working when a bundle throws while it loads, naming the plugin in the sidebar', async () => {
    const failing = () => {
      throw new Error('ReferenceError: process is not defined');
    };
    openApp('/catalog/default/component/payments', { plugins: [entry('broken'), entry('greeter')] }, { broken: failing, greeter });
    expect(await screen.findByText('Slug card of payments')).toBeTruthy();
    const unavailable = within(sidebar()).getByText(/^broken plugin unavailable/);
    expect(unavailable.getAttribute('title')).toBe('UI plugin "broken" 1.0.0 could not load: ReferenceError: process is not defined');
    expect(unavailable.textContent).toContain('could not load: ReferenceError: process is not defined');
  });

  it('never imports a bundle the manifest places on another origin or outside the plugin’s folder', async () => {
    const imported = openApp('/catalog', {
      plugins: [
        entry('evil', { bundle: 'https://evil.example/ui-plugins/bundles/evil/evil-1.0.0-Hash1234.js' }),
        entry('sneaky', { bundle: '/ui-plugins/bundles/sneaky/../../api/catalog/x-Hash1234.js' }),
        entry('../greeter', { bundle: '/ui-plugins/bundles/../greeter/greeter-1.0.0-Hash1234.js' }),
        entry('greeter'),
      ],
    }, { greeter });
    await within(sidebar()).findByRole('link', { name: 'Greetings' });
    expect(imported).toEqual([bundle('greeter')]);
    expect(within(sidebar()).getByText(/^evil plugin unavailable/)).toBeTruthy();
    expect(within(sidebar()).getByText(/^sneaky plugin unavailable/)).toBeTruthy();
  });

  it('refuses a bundle built for another major version of React, and one whose export is not the plugin it claims to be', async () => {
    const imported = openApp('/catalog', { plugins: [entry('old', { shared: { react: '17.0.2' } }), entry('greeter'), entry('impostor')] },
      { greeter, impostor: { ...greeter } });
    await within(sidebar()).findByRole('link', { name: 'Greetings' });
    expect(imported).not.toContain(bundle('old'));
    expect(within(sidebar()).getByText(/^old plugin unavailable/).getAttribute('title')).toContain('built for react 17.0.2, the portal has 18.');
    expect(within(sidebar()).getByText(/^impostor plugin unavailable/).getAttribute('title')).toContain('default export is not the plugin "impostor"');
  });

  it('shows the 404 page for a path no plugin has, once the plugins are loaded, and says when the manifest cannot be read', async () => {
    openApp('/nowhere', { error: { message: 'no' } }, {});
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect((await within(sidebar()).findByRole('alert')).textContent).toContain('Could not load the UI plugins: The UI plugin manifest has no "plugins" list');
  });

  it('draws a search result with the renderer of its type, and the search page’s own otherwise', async () => {
    openApp('/catalog', { plugins: [entry('greeter')] }, { greeter });
    await within(sidebar()).findByRole('link', { name: 'Greetings' });
    render(<PluginSearchResult result={{ type: 'greeting', document: { title: 'Hello' } }} fallback={<p>plain</p>} />);
    render(<PluginSearchResult result={{ type: 'software-catalog', document: { title: 'x' } }} fallback={<p>plain</p>} />);
    expect(screen.getByText('Greeting: Hello')).toBeTruthy();
    expect(screen.getByText('plain')).toBeTruthy();
  });
});
