import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchResultSet, searchQueryString } from '../api/search';
import { fakeFetch, json } from '../testing/fakeApi';
import { definePlugin } from '../uiplugins/pluginApi';
import { forgetUiPlugins } from '../uiplugins/UiPlugins';
import { SearchPage } from './SearchPage';

function CurrentQuery() {
  return <output data-testid="query">{useLocation().search}</output>;
}

function renderAt(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/search" element={<><SearchPage /><CurrentQuery /></>} />
        <Route path="*" element={<CurrentQuery />} />
      </Routes>
    </MemoryRouter>,
  );
}

const query = () => new URLSearchParams(screen.getByTestId('query').textContent ?? '');

const ANSWER: SearchResultSet = {
  results: [
    {
      type: 'software-catalog', rank: 1,
      document: { title: 'payments', text: 'Takes card payments', location: '/catalog/default/component/payments', kind: 'Component', lifecycle: 'production', owner: 'group:default/team-pay', tags: ['java'] },
      highlight: { preTag: '<em>', postTag: '</em>', fields: { title: '<em>payments</em>', text: 'Takes card <em>payments</em>' } },
    },
    {
      type: 'api-definition', rank: 2,
      document: { title: 'GET /payments', text: 'Lists payments', location: '/api-docs/default/payments#/default/list', kind: 'API' },
      highlight: { preTag: '<em>', postTag: '</em>', fields: { title: 'GET /<em>payments</em>', text: 'Lists <em>payments</em>' } },
    },
    {
      type: 'software-catalog', rank: 3,
      document: { title: '<img src=x onerror=alert(1)>', text: 'evil', location: 'javascript:alert(1)' },
      highlight: { preTag: '<em>', postTag: '</em>', fields: { title: '<img src=x onerror=alert(1)> <em>payments</em>', text: '' } },
    },
  ],
  nextPageCursor: 'MQ==',
  numberOfResults: 31,
};

afterEach(() => vi.unstubAllGlobals());

describe('the search page', () => {
  it('asks with the query the URL holds, as Backstage’s SearchClient writes it', async () => {
    const requests = fakeFetch(() => json(ANSWER));
    renderAt('/search?term=pay&type=software-catalog&kind=Component&tag=java&tag=go&cursor=MQ%3D%3D');
    await screen.findByRole('heading', { name: 'Software catalog' });
    const sent = requests[0].url;
    expect(sent.pathname).toBe('/api/search/query');
    expect(sent.search.slice(1)).toBe(searchQueryString({ term: 'pay', types: ['software-catalog'], filters: { kind: 'Component', tags: ['java', 'go'] }, pageCursor: 'MQ==', pageLimit: 20 }));
    expect(sent.searchParams.get('types[0]')).toBe('software-catalog');
    expect(sent.searchParams.get('filters[tags][1]')).toBe('go');
  });

  it('groups results by type and marks the highlighted words, never as HTML', async () => {
    fakeFetch(() => json(ANSWER));
    const { container } = renderAt('/search?term=payments');
    expect(await screen.findByRole('heading', { name: 'API operations' })).toBeTruthy();
    expect(screen.getByText('31 results')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'payments' });
    expect(link.getAttribute('href')).toBe('/catalog/default/component/payments');
    expect(link.querySelector('mark')?.textContent).toBe('payments');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.queryByRole('link', { name: /onerror/ })).toBeNull();
    expect(screen.getByText(/onerror/).tagName).not.toBe('A');
  });

  it('keeps filters in the URL and starts again from the first page', async () => {
    fakeFetch(() => json(ANSWER));
    renderAt('/search?term=payments&cursor=MQ%3D%3D');
    await screen.findByRole('heading', { name: 'Software catalog' });
    await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), 'production');
    expect(query().get('lifecycle')).toBe('production');
    expect(query().has('cursor')).toBe(false);
    await userEvent.click(screen.getByRole('checkbox', { name: 'API operations' }));
    expect(query().getAll('type')).toEqual(['api-definition']);
    await userEvent.type(screen.getByLabelText('Owner'), 'group:default/team-pay{Enter}');
    expect(query().get('owner')).toBe('group:default/team-pay');
  });

  it('pages with the cursors the answer gives', async () => {
    fakeFetch(() => json(ANSWER));
    renderAt('/search?term=payments');
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(query().get('cursor')).toBe('MQ==');
    expect(query().get('term')).toBe('payments');
  });

  it('moves between results with the arrow keys', async () => {
    fakeFetch(() => json(ANSWER));
    renderAt('/search?term=payments');
    await screen.findByRole('heading', { name: 'Software catalog' });
    await userEvent.click(screen.getByLabelText('Search for'));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'payments' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('GET /payments');
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('payments');
  });

  it('says when nothing matches, and when the search failed', async () => {
    fakeFetch(() => json({ results: [], numberOfResults: 0 }));
    renderAt('/search?term=zebra');
    expect(await screen.findByText('No results for “zebra”.')).toBeTruthy();
    vi.unstubAllGlobals();
    fakeFetch(() => json({ error: { name: 'InputError', message: 'Invalid query string: The term length "101" is greater than "100"' } }, 400));
    await userEvent.type(screen.getByLabelText('Search for'), 'x{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The term length "101" is greater than "100"'));
  });
});

describe('the search page’s result renderers', () => {
  const DOCS: SearchResultSet = {
    results: [
      {
        type: 'techdocs', rank: 1,
        document: { title: 'Refunds', text: 'Refunding an order returns the money', location: '/docs/default/component/payments/guide/#refunds',
          kind: 'component', namespace: 'default', name: 'payments', entityTitle: 'Payments service', path: 'guide/#refunds',
          lifecycle: 'production', owner: 'team-pay' },
        highlight: { preTag: '<em>', postTag: '</em>', fields: { title: '<em>Refunds</em>', text: '<em>Refunding</em> an order returns the money' } },
      },
      { type: 'greeting', rank: 2, document: { title: 'Hello', text: 'a greeting', location: '/greetings/hello' } },
    ],
  };
  const greeter = definePlugin({
    id: 'greeter',
    searchResultRenderers: [{ type: 'greeting', component: ({ result }) => <a href={String(result.document.location)}>Greeting: {result.document.title}</a> }],
  });

  it('shows a docs result with where it is, linking to its heading in the docs reader', async () => {
    forgetUiPlugins(async () => { throw new Error('no bundles here'); });
    fakeFetch((url) => (url.pathname === '/ui-plugins/manifest.json' ? json({ plugins: [] }) : json(DOCS)));
    renderAt('/search?term=refund&type=techdocs');
    const link = await screen.findByRole('link', { name: 'Refunds' });
    expect(link.getAttribute('href')).toBe('/docs/default/component/payments/guide/#refunds');
    expect(link.querySelector('mark')?.textContent).toBe('Refunds');
    expect(screen.getByRole('heading', { name: 'Documentation' })).toBeTruthy();
    expect(screen.getByText('Docs of Payments service › guide')).toBeTruthy();
    expect(screen.getByText('production · team-pay')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Documentation' })).toHaveProperty('checked', true);
    forgetUiPlugins();
  });

  it('draws a result with the renderer a UI plugin contributes for its type, reachable with the arrows', async () => {
    forgetUiPlugins(async () => ({ default: greeter }));
    fakeFetch((url) => url.pathname === '/ui-plugins/manifest.json'
      ? json({ plugins: [{ id: 'greeter', version: '1.0.0', bundle: '/ui-plugins/bundles/greeter/greeter-1.0.0-Hash1234.js', shared: { react: '18.3.1' } }] })
      : json(DOCS));
    renderAt('/search?term=hello');
    const greeting = await screen.findByRole('link', { name: 'Greeting: Hello' });
    const docs = screen.getByRole('link', { name: 'Refunds' });
    docs.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(greeting);
    forgetUiPlugins();
  });
});
