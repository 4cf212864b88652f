import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { fakeShell } from '../testing/fakeShell';
import { GTAG_URL, stopGa4ForTests } from './ga4';

afterEach(() => {
  vi.unstubAllGlobals();
  stopGa4ForTests();
});

/** What gtag was told, each call as an array (gtag.js queues `arguments` objects). */
function gtagCalls(): unknown[][] {
  return (window.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>));
}

function pageViews(): string[] {
  return gtagCalls()
    .filter(([command, name]) => command === 'event' && name === 'page_view')
    .map(([, , params]) => new URL((params as { page_location: string }).page_location).pathname + new URL((params as { page_location: string }).page_location).search);
}

async function searchFor(text: string) {
  await userEvent.type(screen.getByLabelText('Search the portal'), `${text}{Enter}`);
}

describe('Google Analytics 4', () => {
  it('loads gtag with the configured measurement id, and sends page views and searches', async () => {
    fakeShell({ analytics: { ga4: { measurementId: 'G-TEST123' } } });
    render(<MemoryRouter initialEntries={['/catalog']}><App /></MemoryRouter>);

    await waitFor(() => expect(pageViews()).toEqual(['/catalog']));
    expect(document.head.querySelector(`script[src="${GTAG_URL}?id=G-TEST123"]`)).not.toBeNull();
    expect(gtagCalls()).toContainEqual(['config', 'G-TEST123', { send_page_view: false }]);

    await searchFor('checkout');
    await waitFor(() => expect(pageViews()).toEqual(['/catalog', '/search?term=checkout']));
    expect(gtagCalls()).toContainEqual(['event', 'search', { search_term: 'checkout' }]);
  });

  it('loads nothing and sends nothing without a measurement id', async () => {
    const requests = fakeShell();
    render(<MemoryRouter initialEntries={['/catalog']}><App /></MemoryRouter>);
    await waitFor(() => expect(requests.some(({ url }) => url.pathname === '/api/app/config')).toBe(true));
    await searchFor('checkout');
    await screen.findByRole('heading', { name: 'Search' });

    expect(document.querySelector(`script[src^="${GTAG_URL}"]`)).toBeNull();
    expect(window.gtag).toBeUndefined();
    expect(window.dataLayer).toBeUndefined();
  });
});
