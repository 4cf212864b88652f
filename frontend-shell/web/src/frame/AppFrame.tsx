import { ReactNode, useState } from 'react';
import { Async } from '../common/Async';
import { HeaderSearch } from './HeaderSearch';
import { Sidebar } from './Sidebar';
import { useIdentity } from './IdentityContext';
import { UserMenu } from './UserMenu';

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
      <Sidebar open={menuOpen} onNavigate={() => setMenuOpen(false)} />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
