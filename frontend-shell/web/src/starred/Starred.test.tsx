import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogPage } from '../catalog/CatalogPage';
import { IdentityProvider } from '../frame/IdentityContext';
import { component, fakeCatalog } from '../testing/fakeCatalog';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

function renderCatalogAt(url: string) {
  return render(
    <IdentityProvider>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/catalog" element={<CatalogPage />} />
        </Routes>
      </MemoryRouter>
    </IdentityProvider>,
  );
}

describe('starred entities', () => {
  it('are starred from a table row, kept in this browser, and pressed from then on', async () => {
    fakeCatalog([{ items: [component('payments')], totalItems: 1, pageInfo: {} }]);
    renderCatalogAt('/catalog');
    const star = await screen.findByRole('button', { name: 'Star payments' });
    expect(star.getAttribute('aria-pressed')).toBe('false');

    await userEvent.click(star);
    expect(star.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(localStorage.getItem('backlot.starredEntities')!)).toEqual(['component:default/payments']);

    await userEvent.click(star);
    expect(JSON.parse(localStorage.getItem('backlot.starredEntities')!)).toEqual([]);
  });

  it('"Starred" asks the catalog for each starred entity of the kind chosen, with the other filters', async () => {
    localStorage.setItem('backlot.starredEntities', JSON.stringify(['component:default/payments', 'api:default/payments-api', 'component:ops/ledger']));
    const { entityQueries } = fakeCatalog([{ items: [component('payments')], totalItems: 1, pageInfo: {} }]);
    renderCatalogAt('/catalog?kind=Component&lifecycle=production&starred=true');
    await screen.findByRole('link', { name: 'payments' });
    expect((screen.getByLabelText('Starred') as HTMLInputElement).checked).toBe(true);
    expect(entityQueries()[0].searchParams.getAll('filter')).toEqual([
      'kind=component,metadata.namespace=default,metadata.name=payments,spec.lifecycle=production',
      'kind=component,metadata.namespace=ops,metadata.name=ledger,spec.lifecycle=production',
    ]);
  });

  it('"Starred" with nothing starred shows an empty list without asking for every entity', async () => {
    const { entityQueries } = fakeCatalog([{ items: [component('payments')], totalItems: 1, pageInfo: {} }]);
    renderCatalogAt('/catalog');
    await screen.findByRole('link', { name: 'payments' });
    await userEvent.click(screen.getByLabelText('Starred'));
    expect(await screen.findByText('No entities match these filters.')).toBeTruthy();
    await waitFor(() => expect(entityQueries()).toHaveLength(1));
  });
});
