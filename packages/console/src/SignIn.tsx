import { ProfiledError } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { signInWithClient, signInWithPassword, type Session } from './session.js';

/** What the demo's sign-in page fills in (`serve --demo` publishes it at /console/demo.json). */
export interface DemoLogin {
  tenant: string;
  username: string;
  password: string;
}

export function SignIn({ onSignedIn, demo }: { onSignedIn: (session: Session) => void; demo?: DemoLogin }) {
  const [mode, setMode] = useState<'password' | 'client'>('password');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(
        mode === 'password'
          ? await signInWithPassword(field('tenant'), field('username'), field('password'))
          : await signInWithClient(field('clientId'), field('clientSecret')),
      );
    } catch (caught) {
      setError(caught instanceof ProfiledError ? caught.message : 'The server did not answer.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>Sign in to profiled</h1>
      <div role="tablist" aria-label="Sign in with">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'password'}
          onClick={() => setMode('password')}
        >
          User and password
        </button>
        <button type="button" role="tab" aria-selected={mode === 'client'} onClick={() => setMode('client')}>
          OAuth client
        </button>
      </div>
      <form onSubmit={(event) => void submit(event)}>
        {mode === 'password' ? (
          <>
            <label>
              Tenant (code or id)
              <input name="tenant" required defaultValue={demo?.tenant} autoComplete="organization" />
            </label>
            <label>
              Username
              <input name="username" required defaultValue={demo?.username} autoComplete="username" />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                required
                defaultValue={demo?.password}
                autoComplete="current-password"
              />
            </label>
          </>
        ) : (
          <>
            <label>
              Client id
              <input name="clientId" required />
            </label>
            <label>
              Client secret
              <input name="clientSecret" type="password" required />
            </label>
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {demo && (
        <p className="demo-login">
          Demo: tenant <code>{demo.tenant}</code>, user <code>{demo.username}</code>, password{' '}
          <code>{demo.password}</code>
        </p>
      )}
    </main>
  );
}
