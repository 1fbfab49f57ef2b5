import { ProfiledError } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { signInWithClient, signInWithPassword, type Session } from './session.js';

/** A sign-in the demo publishes (`serve --demo` answers them at /console/demo-login.json). */
export interface DemoLogin {
  tenant: string;
  username: string;
  password: string;
  /** What it may do, e.g. "read-only". */
  description: string;
}

export function SignIn({
  onSignedIn,
  demoLogins = [],
}: {
  onSignedIn: (session: Session) => void;
  demoLogins?: DemoLogin[];
}) {
  const [mode, setMode] = useState<'password' | 'client'>('password');
  // What the person typed or the demo sign-in they chose; until then the demo's first sign-in.
  // The demo's list arrives after the form shows, so it must never replace what was typed: that
  // would sign the person in as the demo's first user instead.
  const [own, setOwn] = useState<{ fields: PasswordFields; chosen?: number } | undefined>();
  const first = demoLogins[0];
  const fields = own?.fields ?? (first ? fieldsOf(first) : blankFields);
  const chosen = own ? own.chosen : first ? 0 : undefined;
  const type = (name: keyof PasswordFields, value: string) =>
    setOwn({ fields: { ...fields, [name]: value } });
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
      <form key={mode} onSubmit={(event) => void submit(event)}>
        {mode === 'password' ? (
          passwordInputs.map(({ name, label, type: inputType, autoComplete }) => (
            <label key={name}>
              {label}
              <input
                name={name}
                type={inputType}
                required
                value={fields[name]}
                onChange={(event) => type(name, event.target.value)}
                autoComplete={autoComplete}
              />
            </label>
          ))
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
      {demoLogins.length > 0 && (
        <section className="demo-login" aria-labelledby="demo-login-title">
          <h2 id="demo-login-title">Demo sign-ins</h2>
          <ul>
            {demoLogins.map((login, index) => (
              <li key={login.username}>
                Tenant <code>{login.tenant}</code>, user <code>{login.username}</code>, password{' '}
                <code>{login.password}</code> {login.description && `(${login.description})`}{' '}
                <button
                  type="button"
                  aria-label={`Fill in ${login.username}`}
                  aria-pressed={mode === 'password' && index === chosen}
                  onClick={() => {
                    setMode('password');
                    setOwn({ fields: fieldsOf(login), chosen: index });
                  }}
                >
                  Fill in
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

interface PasswordFields {
  tenant: string;
  username: string;
  password: string;
}

/** The password form's fields, in their order on the page. */
const passwordInputs: { name: keyof PasswordFields; label: string; type: string; autoComplete: string }[] = [
  { name: 'tenant', label: 'Tenant (code or id)', type: 'text', autoComplete: 'organization' },
  { name: 'username', label: 'Username', type: 'text', autoComplete: 'username' },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
];

const blankFields: PasswordFields = { tenant: '', username: '', password: '' };

const fieldsOf = ({ tenant, username, password }: DemoLogin): PasswordFields => ({
  tenant,
  username,
  password,
});
