import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { definePlugin } from '../uiplugins/pluginApi';
import { forgetUiPlugins } from '../uiplugins/UiPlugins';
import { DEBOUNCE_MS, SearchModal } from './SearchModal';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderModal() {
  return render(
    <MemoryRouter initialEntries={['/catalog']}>
      <input aria-label="Elsewhere" />
      <SearchModal />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

const RESULTS = {
  results: [
    { type: 'software-catalog', rank: 1, document: { title: 'payments', text: '', location: '/catalog/default/component/payments', kind: 'Component' },
      highlight: { preTag: '<em>', postTag: '</em>', fields: { title: '<em>pay</em>ments', text: '' } } },
    { type: 'software-catalog', rank: 2, document: { title: 'payroll', text: '', location: '/catalog/default/component/payroll', kind: 'Component' } },
  ],
};

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function type(text: string) {
  fireEvent.change(screen.getByRole('combobox'), { target: { value: text } });
}

describe('the quick search', () => {
  it('opens with "/" but not while typing elsewhere, and closes with Escape', () => {
    fakeFetch(() => json(RESULTS));
    renderModal();
    fireEvent.keyDown(screen.getByLabelText('Elsewhere'), { key: '/' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(screen.getByRole('dialog', { name: 'Search' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('combobox'));
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks once typing pauses, for the top five', async () => {
    const requests = fakeFetch(() => json(RESULTS));
    renderModal();
    fireEvent.keyDown(document.body, { key: '/' });
    await type('p');
    await type('pa');
    await type('pay');
    expect(requests).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS + 10);
    });
    // Only the search is asked for (the UI plugins' manifest may follow, for their result renderers).
    expect(requests.filter((request) => request.url.pathname === '/api/search/query')).toHaveLength(1);
    expect(requests[0].url.searchParams.get('term')).toBe('pay');
    expect(requests[0].url.searchParams.get('pageLimit')).toBe('5');
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['payments Component', 'payroll Component']);
    expect(screen.getAllByRole('option')[0].querySelector('mark')?.textContent).toBe('pay');
  });

  it('opens the chosen result with the arrows and Enter, or the search page for the term', async () => {
    fakeFetch(() => json(RESULTS));
    renderModal();
    fireEvent.keyDown(document.body, { key: '/' });
    await type('pay');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS + 10);
    });
    await screen.findAllByRole('option');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    fireEvent.submit(screen.getByRole('combobox').closest('form')!);
    expect(screen.getByTestId('where').textContent).toBe('/catalog/default/component/payroll');

    fireEvent.keyDown(document.body, { key: '/' });
    await type('ledger');
    fireEvent.submit(screen.getByRole('combobox').closest('form')!);
    expect(screen.getByTestId('where').textContent).toBe('/search?term=ledger');
  });
});

describe('the quick search’s renderers', () => {
  const docs = {
    type: 'techdocs', rank: 1,
    document: { title: 'Refunds', text: 'Refunding an order', location: '/docs/default/component/payments/guide/#refunds',
      kind: 'component', name: 'payments', entityTitle: 'Payments service', path: 'guide/#refunds' },
  };
  const greeting = { type: 'greeting', rank: 2, document: { title: 'Hello', text: '', location: '/greetings/hello' } };
  const greeter = definePlugin({
    id: 'greeter',
    searchResultRenderers: [{ type: 'greeting', component: ({ result }) => <span>Greeting: {result.document.title}</span> }],
  });

  it('says where a docs result is, and draws a result with the renderer a UI plugin contributes for its type', async () => {
    forgetUiPlugins(async () => ({ default: greeter }));
    fakeFetch((url) => url.pathname === '/ui-plugins/manifest.json'
      ? json({ plugins: [{ id: 'greeter', version: '1.0.0', bundle: '/ui-plugins/bundles/greeter/greeter-1.0.0-Hash1234.js', shared: { react: '18.3.1' } }] })
      : json({ results: [docs, greeting] }));
    renderModal();
    fireEvent.keyDown(document.body, { key: '/' });
    await type('refund');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS + 10);
    });
    expect(await screen.findByText('Greeting: Hello')).toBeTruthy();
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Refunds Docs of Payments service › guide', 'Greeting: Hello']);
    fireEvent.click(screen.getAllByRole('option')[0]);
    expect(screen.getByTestId('where').textContent).toBe('/docs/default/component/payments/guide/');
    forgetUiPlugins();
  });
});
