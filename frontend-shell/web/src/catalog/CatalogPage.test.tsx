import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdentityProvider } from '../frame/IdentityContext';
import { component, fakeCatalog, GRACE } from '../testing/fakeCatalog';
import { CatalogPage } from './CatalogPage';

/** Prints the current URL's query, so a test can see what a reload or a shared link would restore. */
function CurrentQuery() {
  return <output data-testid="query">{useLocation().search}</output>;
}

function renderAt(url: string) {
  return render(
    <IdentityProvider>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/catalog" element={<><CatalogPage /><CurrentQuery /></>} />
        </Routes>
      </MemoryRouter>
    </IdentityProvider>,
  );
}

const query = () => new URLSearchParams(screen.getByTestId('query').textContent ?? '');

afterEach(() => vi.unstubAllGlobals());

describe('the catalog page', () => {
  it('queries the catalog with the filters the URL holds', async () => {
    const { entityQueries } = fakeCatalog([{ items: [component('payments')], totalItems: 1, pageInfo: {} }]);
    renderAt('/catalog?kind=component&lifecycle=production&tag=java&text=pay');

    expect(await screen.findByRole('link', { name: 'payments' })).toHaveProperty('pathname', '/catalog/default/component/payments');
    const sent = entityQueries()[0].searchParams;
    expect(sent.get('filter')).toBe('kind=component,spec.lifecycle=production,metadata.tags=java');
    expect(sent.get('fullTextFilterTerm')).toBe('pay');
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('pay');
  });

  it('keeps a chosen filter and a search in the URL, starting again from the first page', async () => {
    const { entityQueries } = fakeCatalog([{ items: [component('payments')], totalItems: 1, pageInfo: {} }]);
    renderAt('/catalog?kind=component&cursor=abc');
    await screen.findByRole('link', { name: 'payments' });

    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'group:default/payments-team');
    expect(query().get('owner')).toBe('group:default/payments-team');
    expect(query().get('kind')).toBe('component');
    expect(query().has('cursor')).toBe(false);

    await userEvent.type(screen.getByLabelText('Search'), 'ledger{Enter}');
    expect(query().get('text')).toBe('ledger');
    await waitFor(() => expect(entityQueries().at(-1)?.searchParams.get('fullTextFilterTerm')).toBe('ledger'));
    expect(entityQueries().at(-1)?.searchParams.get('filter')).toBe('kind=component,spec.owner=group:default/payments-team');
  });

  it('pages with the cursors the catalog returns, sending a cursor alone', async () => {
    const { entityQueries } = fakeCatalog([
      { items: [component('a-service')], totalItems: 2, pageInfo: { nextCursor: 'page-2' } },
      { items: [component('b-service')], totalItems: 2, pageInfo: { prevCursor: 'page-1' } },
    ]);
    renderAt('/catalog?kind=component');
    await screen.findByRole('link', { name: 'a-service' });
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByRole('link', { name: 'b-service' })).toBeTruthy();
    expect(query().get('cursor')).toBe('page-2');
    expect(query().get('kind')).toBe('component');
    const sent = entityQueries().at(-1)!.searchParams;
    expect(sent.get('cursor')).toBe('page-2');
    expect(sent.has('filter')).toBe(false);
    expect(screen.getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', false);
  });

  it('"owned by me" keeps what the signed-in user or one of their groups owns', async () => {
    const { entityQueries } = fakeCatalog([{ items: [component('backlot')], totalItems: 1, pageInfo: {} }]);
    renderAt('/catalog?kind=component');
    await screen.findByRole('link', { name: 'backlot' });

    await userEvent.click(screen.getByLabelText('Owned by me'));

    expect(query().get('owned')).toBe('me');
    await waitFor(() => expect(entityQueries().at(-1)?.searchParams.get('filter')).toBe(
      ['kind=component', ...GRACE.ownershipRefs.map((ref) => `relations.ownedBy=${ref}`)].join(','),
    ));
  });

  it('says so when the catalog cannot answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { name: 'InputError', message: 'bad filter' } }), { status: 400 })));
    renderAt('/catalog');
    expect((await screen.findAllByRole('alert')).map((alert) => alert.textContent).join()).toContain('bad filter');
  });
});
