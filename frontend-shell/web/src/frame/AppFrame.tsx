import { ReactNode, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Async } from '../common/Async';
import { HeaderSearch } from './HeaderSearch';
import { useIdentity } from './IdentityContext';
import { UserMenu } from './UserMenu';

const SECTIONS = [
  { to: '/catalog', label: 'Catalog' },
  { to: '/api-docs', label: 'APIs' },
  { to: '/catalog-import', label: 'Register' },
];

/** The header with who is signed in, the sidebar, and the page. */
export function AppFrame({ children }: { children: ReactNode }) {
  const identity = useIdentity();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <span className="brand">Backlot</span>
        <HeaderSearch />
        <Async state={identity} what="who you are">
          {(me) => <UserMenu identity={me} />}
        </Async>
      </header>
      <nav id="sidebar" className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Sections">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} onClick={() => setMenuOpen(false)}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
