import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGa4, stopGa4ForTests } from '../analytics/ga4';
import { component } from '../testing/fakeCatalog';
import { RegisterPage } from './RegisterPage';

const FILE = 'https://github.com/acme/payments/blob/main/catalog-info.yaml';

afterEach(() => {
  vi.unstubAllGlobals();
  stopGa4ForTests();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('registering a catalog file', () => {
  it('previews with a dry run, then registers with the CSRF token', async () => {
    document.cookie = 'XSRF-TOKEN=csrf-123';
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const body = { location: { type: 'url', target: FILE }, entities: url.includes('dryRun') ? [component('payments')] : [], exists: false };
      return new Response(JSON.stringify(body), { status: 201 });
    }));
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);

    await userEvent.type(screen.getByLabelText('URL of a repository or a catalog-info.yaml'), FILE);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Component default/payments')).toBeTruthy();
    expect(calls[0].url).toBe('/api/catalog/locations?dryRun=true');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ type: 'url', target: FILE });

    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByRole('link', { name: 'Component default/payments' })).toHaveProperty('pathname', '/catalog/default/component/payments');
    expect(calls[1].url).toBe('/api/catalog/locations');
    expect(new Headers(calls[1].init.headers).get('X-XSRF-TOKEN')).toBe('csrf-123');
  });

  it('looks into a repository for its catalog file, previews and registers that file', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push(`${url} ${String(init.body)}`);
      if (url.endsWith('/analyze-location')) {
        return new Response(JSON.stringify({
          existingEntityFiles: [{ location: { type: 'url', target: FILE }, isRegistered: false, entity: component('payments') }],
          generateEntities: [],
        }), { status: 200 });
      }
      return new Response(JSON.stringify({ location: { type: 'url', target: FILE }, entities: [component('payments')], exists: false }), { status: 201 });
    }));
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);

    await userEvent.type(screen.getByLabelText('URL of a repository or a catalog-info.yaml'), 'https://github.com/acme/payments');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText(FILE)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await screen.findByRole('heading', { name: 'Registered' });

    expect(calls).toEqual([
      '/api/catalog/analyze-location {"location":{"type":"url","target":"https://github.com/acme/payments"}}',
      `/api/catalog/locations?dryRun=true {"type":"url","target":"${FILE}"}`,
      `/api/catalog/locations {"type":"url","target":"${FILE}"}`,
    ]);
  });

  it('offers an entity to commit when the repository has no catalog file', async () => {
    const suggestion = component('ledger', {}, { type: 'other', lifecycle: 'unknown', owner: '' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ existingEntityFiles: [], generateEntities: [{ entity: suggestion }] }),
      { status: 200 })));
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);

    await userEvent.type(screen.getByLabelText('URL of a repository or a catalog-info.yaml'), 'https://github.com/acme/ledger');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(await screen.findByRole('heading', { name: 'No catalog file in this repository' })).toBeTruthy();
    expect(JSON.parse(document.querySelector('pre.suggested-entity')!.textContent!)).toEqual(suggestion);
    expect(screen.queryByRole('button', { name: 'Register' })).toBeNull();
  });

  it('shows why the catalog refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { name: 'InputError', message: 'Location url:x could not be read' } }), { status: 400 })));
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);
    await userEvent.type(screen.getByLabelText('URL of a repository or a catalog-info.yaml'), FILE);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be read');
  });

  it('tells Google Analytics of a registration, not of a preview, when it is on', async () => {
    startGa4('G-REGISTER');
    vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify({ location: { type: 'url', target: FILE }, entities: url.includes('dryRun') ? [component('payments')] : [] }), { status: 201 })));
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);
    const events = () => (window.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>)).filter(([command]) => command === 'event');

    await userEvent.type(screen.getByLabelText('URL of a repository or a catalog-info.yaml'), FILE);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('Component default/payments');
    expect(events()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await screen.findByRole('heading', { name: 'Registered' });
    expect(events()).toEqual([['event', 'register_location', { location_type: 'url' }]]);
  });
});
