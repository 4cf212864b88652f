import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdentityProvider } from '../frame/IdentityContext';
import { fakeFetch, json } from '../testing/fakeApi';
import { component, GRACE } from '../testing/fakeCatalog';
import { EntityActions } from './EntityActions';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

const LOCATION = { id: 'loc-1', type: 'url', target: 'https://github.com/acme/payments/blob/main/catalog-info.yaml' };

function renderFor(admin: boolean, answer: (url: URL, init: RequestInit) => Response) {
  const requests = fakeFetch((url, init) => (url.pathname === '/api/whoami' ? json({ ...GRACE, catalogAdmin: admin }) : answer(url, init)));
  render(
    <IdentityProvider>
      <MemoryRouter>
        <EntityActions entity={component('payments')} />
      </MemoryRouter>
    </IdentityProvider>,
  );
  return requests;
}

describe('refresh and unregister', () => {
  it('are not offered to someone the catalog would refuse', async () => {
    const requests = renderFor(false, () => json({}));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unregister' })).toBeNull();
  });

  it('refresh asks the catalog to read the entity again, with the CSRF token', async () => {
    document.cookie = 'XSRF-TOKEN=csrf-9';
    const requests = renderFor(true, () => json({ locations: [] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect((await screen.findByRole('status')).textContent).toContain('read this entity\'s location again');
    const refresh = requests.find(({ url }) => url.pathname === '/api/catalog/refresh')!;
    expect(JSON.parse(String(refresh.init.body))).toEqual({ entityRef: 'component:default/payments' });
    expect(new Headers(refresh.init.headers).get('X-XSRF-TOKEN')).toBe('csrf-9');
  });

  it('unregister names the location, asks to confirm, then deletes it', async () => {
    const requests = renderFor(true, (url) => (url.pathname.startsWith('/api/catalog/locations/by-entity/') ? json(LOCATION) : new Response(null, { status: 204 })));
    await userEvent.click(await screen.findByRole('button', { name: 'Unregister' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unregister payments?' });
    expect(within(dialog).getByText(LOCATION.target)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(requests.some(({ init }) => init.method === 'DELETE')).toBe(false);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Unregister' }));
    expect((await screen.findByRole('status')).textContent).toContain(`Unregistered ${LOCATION.target}`);
    const deleted = requests.find(({ init }) => init.method === 'DELETE')!;
    expect(deleted.url.pathname).toBe('/api/catalog/locations/loc-1');
  });

  it('cancelling unregisters nothing', async () => {
    const requests = renderFor(true, () => json(LOCATION));
    await userEvent.click(await screen.findByRole('button', { name: 'Unregister' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.some(({ init }) => init.method === 'DELETE')).toBe(false);
  });

  it('explains a refusal of the catalog', async () => {
    renderFor(true, () => json({ error: { name: 'NotAllowedError', message: 'Only members of group:default/platform-team may do this' } }, 403));
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You may not refresh entities: only members of the catalog\'s admin groups may.');
    expect(alert.textContent).toContain('Only members of group:default/platform-team may do this');
  });

  it('explains that an entity of a configured location cannot be unregistered here', async () => {
    renderFor(true, () => json({ error: { name: 'NotFoundError', message: 'Found no location with type file' } }, 404));
    await userEvent.click(await screen.findByRole('button', { name: 'Unregister' }));
    expect((await screen.findByRole('alert')).textContent).toContain('comes from a location in the catalog\'s configuration');
  });
});
