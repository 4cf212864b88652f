import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { json } from '../testing/fakeApi';
import { fakeShell } from '../testing/fakeShell';

afterEach(() => vi.unstubAllGlobals());

async function sidebarLinks() {
  render(<MemoryRouter initialEntries={['/catalog-import']}><App /></MemoryRouter>);
  const sidebar = screen.getByRole('navigation', { name: 'Sections' });
  return sidebar;
}

describe('the sidebar', () => {
  it('links to the sections of the plugins the shell reports', async () => {
    fakeShell({ plugins: ['catalog', 'api-docs'] });
    const sidebar = await sidebarLinks();
    await within(sidebar).findByRole('link', { name: 'APIs' });
    const links = within(sidebar).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([['Catalog', '/catalog'], ['APIs', '/api-docs'], ['Register', '/catalog-import']]);
  });

  it('leaves out a plugin that is not deployed', async () => {
    fakeShell({ plugins: ['catalog'] });
    const sidebar = await sidebarLinks();
    await within(sidebar).findByRole('link', { name: 'Register' });
    expect(within(sidebar).queryByRole('link', { name: 'APIs' })).toBeNull();
  });

  it('says why it cannot list the plugins', async () => {
    fakeShell({}, (url) => (url.pathname === '/api/app/config' ? json({ error: { name: 'Error', message: 'shell is restarting' } }, 503) : undefined));
    const sidebar = await sidebarLinks();
    expect((await within(sidebar).findByRole('alert')).textContent).toContain('Could not load the list of plugins: shell is restarting');
    expect(within(sidebar).queryAllByRole('link')).toEqual([]);
  });
});
