import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { EntityPage } from './EntityPage';

afterEach(() => vi.unstubAllGlobals());

function entity(annotations: Record<string, string>) {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'checkout-service', namespace: 'default', annotations }, spec: { type: 'service' } };
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/catalog/:namespace/:kind/:name" element={<EntityPage />} />
        <Route path="/catalog/:namespace/:kind/:name/docs/*" element={<EntityPage tab="docs" />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe("an entity's Docs tab", () => {
  it('shows for entities with a techdocs-ref and reads their docs in the page', async () => {
    fakeFetch((url) => {
      if (url.pathname.startsWith('/api/catalog/entities/by-name/')) return json(entity({ 'backstage.io/techdocs-ref': 'dir:.' }));
      if (url.pathname.endsWith('/index.html')) return new Response('<article class="md-content__inner"><h1>Checkout docs</h1></article>');
      return json({ error: { name: 'NotFoundError', message: 'no' } }, 404);
    });
    renderAt('/catalog/default/component/checkout-service');
    await userEvent.click(await screen.findByRole('link', { name: 'Docs' }));
    expect(await screen.findByRole('heading', { name: 'Checkout docs' })).toBeTruthy();
  });

  it('is absent for entities without docs', async () => {
    fakeFetch((url) => (url.pathname.startsWith('/api/catalog/entities/by-name/') ? json(entity({})) : json({ items: [] })));
    renderAt('/catalog/default/component/checkout-service');
    expect(await screen.findByRole('heading', { name: 'checkout-service' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Docs' })).toBeNull();
  });
});
