import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { HeaderSearch } from './HeaderSearch';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

describe('the header search', () => {
  it('opens the search page with the text as its term, from any page', async () => {
    render(
      <MemoryRouter initialEntries={['/catalog/default/component/payments']}>
        <HeaderSearch />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>,
    );
    await userEvent.type(screen.getByLabelText('Search the portal'), 'ledger service{Enter}');
    expect(screen.getByTestId('where').textContent).toBe('/search?term=ledger+service');
  });
});
