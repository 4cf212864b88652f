import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { DocsListPage, DocsReaderPage } from './DocsPages';

afterEach(() => vi.unstubAllGlobals());

const SITE = '/api/techdocs/static/docs/default/component/checkout-service/';

function page(title: string, body: string) {
  return `<html><body><nav class="md-nav md-nav--primary"><ul class="md-nav__list">
    <li class="md-nav__item"><a class="md-nav__link" href="${title === 'Overview' ? './' : '../'}">Overview</a></li>
    <li class="md-nav__item"><a class="md-nav__link" href="${title === 'Overview' ? 'architecture/' : './'}">Architecture</a></li></ul></nav>
    <article class="md-content__inner"><a rel="edit" title="Edit this page" href="https://github.com/acme/checkout-service/edit/main/docs/x.md">Edit</a>
    <h1 id="t">${title}</h1>${body}</article></body></html>`;
}

function CurrentPath() {
  return <output data-testid="path">{useLocation().pathname}</output>;
}

function site(withIndex: boolean) {
  return fakeFetch((url) => {
    if (url.pathname === '/api/techdocs/metadata/techdocs/default/component/checkout-service') return json({ site_name: 'Checkout service' });
    if (url.pathname === `${SITE}index.html`) return new Response(page('Overview', '<h2 id="steps">Steps</h2><p>Read the <a href="architecture/#storage">architecture</a>.</p>'));
    if (url.pathname === `${SITE}architecture/index.html`) return new Response(page('Architecture', '<h2 id="storage">Storage</h2><p>Orders go to PostgreSQL.</p>'));
    if (url.pathname === `${SITE}search/search_index.json` && withIndex) {
      return json({ docs: [{ location: '', title: 'Overview', text: 'Steps' }, { location: 'architecture/', title: 'Architecture', text: 'Orders go to PostgreSQL.' }] });
    }
    return json({ error: { name: 'NotFoundError', message: 'no' } }, 404);
  });
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/docs" element={<DocsListPage />} />
        <Route path="/docs/:namespace/:kind/:name/*" element={<><DocsReaderPage /><CurrentPath /></>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the docs reader', () => {
  it('shows the nav, the page, its table of contents and the edit link, and follows links inside the portal', async () => {
    const requests = site(true);
    renderAt('/docs/default/component/checkout-service/');
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Checkout service' })).toBeTruthy();
    const toc = screen.getByRole('navigation', { name: 'On this page' });
    expect(within(toc).getByRole('link', { name: 'Steps' }).getAttribute('href')).toBe('#steps');
    expect(screen.getByRole('link', { name: 'Edit this page' }).getAttribute('href')).toBe('https://github.com/acme/checkout-service/edit/main/docs/x.md');

    await userEvent.click(screen.getByRole('link', { name: 'architecture' }));
    expect(await screen.findByRole('heading', { name: 'Architecture', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/docs/default/component/checkout-service/architecture/');
    expect(requests.some(({ url }) => url.pathname === `${SITE}architecture/index.html`)).toBe(true);
    const nav = screen.getByRole('navigation', { name: 'Docs pages' });
    expect(within(nav).getByRole('link', { name: 'Architecture' }).getAttribute('aria-current')).toBe('page');
  });

  it('searches the site through its search index', async () => {
    site(true);
    renderAt('/docs/default/component/checkout-service/');
    await screen.findByRole('heading', { name: 'Overview', level: 1 });
    await userEvent.type(screen.getByRole('searchbox'), 'postgresql');
    const results = screen.getByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('link', { name: 'Architecture' }));
    expect(await screen.findByRole('heading', { name: 'Architecture', level: 1 })).toBeTruthy();
  });

  it('searches the page when the site has no search index', async () => {
    site(false);
    renderAt('/docs/default/component/checkout-service/architecture/');
    await screen.findByRole('heading', { name: 'Architecture', level: 1 });
    await userEvent.type(screen.getByPlaceholderText('Search this page'), 'orders');
    expect(within(screen.getByRole('list', { name: 'Search results' })).getByText('Architecture')).toBeTruthy();
  });

  it('says so when a page does not exist', async () => {
    site(true);
    renderAt('/docs/default/component/checkout-service/missing/');
    expect(await screen.findByText(/There are no docs at missing\//)).toBeTruthy();
  });
});

describe('the docs list', () => {
  it('lists documented entities and filters by owner and kind', async () => {
    const requests = fakeFetch(() => json({
      items: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'checkout-service', namespace: 'default', description: 'Checkout' }, spec: { owner: 'payments-team' } }],
      totalItems: 1, pageInfo: {},
    }));
    renderAt('/docs?kind=Component&owner=payments-team');
    expect((await screen.findByRole('link', { name: 'checkout-service' })).getAttribute('href')).toBe('/docs/default/component/checkout-service/');
    const filter = requests[0].url.searchParams.get('filter');
    expect(filter).toBe('metadata.annotations.backstage.io/techdocs-ref,kind=Component,spec.owner=payments-team');
  });
});
