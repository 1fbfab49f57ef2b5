import { useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './Layout.js';
import { pageEntries } from './pages.js';
import { SignIn, type DemoLogin } from './SignIn.js';
import { restoreSession, SessionProvider, type Session } from './session.js';

export function App() {
  const [session, setSession] = useState<Session | undefined>();
  const [restoring, setRestoring] = useState(true);
  const [demoLogins, setDemoLogins] = useState<DemoLogin[]>([]);
  useEffect(() => {
    // The demo publishes its sign-ins; anywhere else the list is empty and so is the form.
    void fetch('/console/demo-login.json')
      .then(async (response) =>
        response.ok ? setDemoLogins(listOf((await response.json()) as unknown)) : undefined,
      )
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    void restoreSession().then((restored) => {
      setSession(restored);
      setRestoring(false);
    });
  }, []);
  if (restoring) return <p role="status">Loading…</p>;
  if (!session) return <SignIn onSignedIn={setSession} demoLogins={demoLogins} />;
  return (
    <SessionProvider session={session}>
      <BrowserRouter basename="/console">
        <Routes>
          <Route element={<Layout onSessionChange={setSession} />}>
            {pageEntries
              .filter((page) => page.scope === undefined || session.whoami.scopes.includes(page.scope))
              .map((page) => (
                <Route key={page.path} path={page.path} element={page.element} />
              ))}
            <Route path="*" element={<p>No such page.</p>} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}

/** The demo's sign-ins as a list (an older server answered a single one). */
function listOf(answer: unknown): DemoLogin[] {
  if (Array.isArray(answer)) return answer as DemoLogin[];
  return answer !== null && typeof answer === 'object' ? [answer as DemoLogin] : [];
}
