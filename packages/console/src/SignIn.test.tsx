import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { App } from './App.js';
import type { DemoLogin } from './SignIn.js';

const reader: DemoLogin = {
  tenant: 'WFF_j1r',
  username: 'ada',
  password: 'Reader-pass-1',
  description: 'read-only',
};
const writer: DemoLogin = {
  tenant: 'WFF_j1r',
  username: 'grace',
  password: 'Writer-pass-1',
  description: '',
};

/** The console's sign-in page, with the demo's list of sign-ins answered when `publish` is called. */
async function signInPage() {
  let publish: (logins: DemoLogin[]) => void = () => undefined;
  const published = new Promise<Response>((resolve) => {
    publish = (logins) => resolve(Response.json(logins));
  });
  // App asks with a path string (fetch('/console/demo-login.json')).
  vi.stubGlobal('fetch', (input: string) =>
    input.endsWith('/console/demo-login.json')
      ? published
      : Promise.resolve(new Response(null, { status: 404 })),
  );
  sessionStorage.clear();
  render(<App />);
  await screen.findByRole('button', { name: 'Sign in' });
  const value = (label: string) => screen.getByLabelText<HTMLInputElement>(label).value;
  const fields = () => [value('Tenant (code or id)'), value('Username'), value('Password')];
  const listed = async (logins: DemoLogin[]) => {
    publish(logins);
    await screen.findByRole('heading', { name: 'Demo sign-ins' });
  };
  return { fields, listed };
}

describe('the sign-in form and the demo sign-ins', () => {
  test('what was typed before the demo list arrived is kept, not replaced by its first sign-in', async () => {
    const { fields, listed } = await signInPage();
    await userEvent.type(screen.getByLabelText('Tenant (code or id)'), writer.tenant);
    await userEvent.type(screen.getByLabelText('Username'), writer.username);
    await userEvent.type(screen.getByLabelText('Password'), writer.password);
    await listed([reader, writer]);
    expect(fields()).toEqual([writer.tenant, writer.username, writer.password]);
    expect(
      screen.getByRole('button', { name: `Fill in ${reader.username}` }).getAttribute('aria-pressed'),
    ).toBe('false');
  });

  test('an untouched form is filled in with the first demo sign-in, and "Fill in" picks another', async () => {
    const { fields, listed } = await signInPage();
    expect(fields()).toEqual(['', '', '']);
    await listed([reader, writer]);
    expect(fields()).toEqual([reader.tenant, reader.username, reader.password]);
    await userEvent.click(screen.getByRole('button', { name: `Fill in ${writer.username}` }));
    expect(fields()).toEqual([writer.tenant, writer.username, writer.password]);
    expect(
      screen.getByRole('button', { name: `Fill in ${writer.username}` }).getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
