import { NavLink, Outlet } from 'react-router';
import { pageEntries } from './pages.js';
import { signOut, useSession, type Session } from './session.js';
import { TenantSwitcher } from './TenantSwitcher.js';

export function Layout({ onSessionChange }: { onSessionChange: (session: Session | undefined) => void }) {
  const session = useSession();
  const pages = pageEntries.filter(
    (page) => !page.hidden && (page.scope === undefined || session.whoami.scopes.includes(page.scope)),
  );
  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">profiled</span>
        <TenantSwitcher onSwitch={onSessionChange} />
        <span className="who">{session.label}</span>
        <button type="button" onClick={() => void signOut(session).then(() => onSessionChange(undefined))}>
          Sign out
        </button>
      </header>
      <nav aria-label="Pages" className="sidebar">
        <ul>
          {pages.map((page) => (
            <li key={page.path}>
              <NavLink to={page.path} end={page.path === '/'}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
