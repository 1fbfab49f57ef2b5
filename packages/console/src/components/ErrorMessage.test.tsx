import { ProfiledError } from '@profiled/sdk';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { ErrorMessage } from './ErrorMessage.js';

describe('ErrorMessage', () => {
  test('a 412 says someone else changed it and offers to reload', async () => {
    const onReload = vi.fn();
    const conflict = new ProfiledError(412, { code: 'precondition.failed', detail: 'version moved on' });
    render(<ErrorMessage error={conflict} onReload={onReload} />);
    expect(screen.getByRole('alert').textContent).toMatch(/Someone else changed this/);
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  test('a 412 names what was changed, and without a way to reload offers none', () => {
    const conflict = new ProfiledError(
      412,
      { code: 'precondition.failed', detail: 'version moved on' },
      'req-2',
    );
    render(<ErrorMessage error={conflict} what="assignment" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Someone else changed this assignment since you opened it/);
    expect(alert.textContent).toContain('Request id: req-2');
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a validation error names the fields and the request id', () => {
    const invalid = new ProfiledError(
      400,
      { detail: 'The body is not valid', errors: [{ pointer: '/body/name', detail: 'must be a string' }] },
      'req-1',
    );
    render(<ErrorMessage error={invalid} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The body is not valid');
    expect(alert.textContent).toContain('/body/name must be a string');
    expect(alert.textContent).toContain('Request id: req-1');
  });

  test('nothing to say, nothing shown', () => {
    const { container } = render(<ErrorMessage error={undefined} />);
    expect(container.innerHTML).toBe('');
  });

  test('no answer at all is said as such', () => {
    render(<ErrorMessage error={new TypeError('fetch failed')} />);
    expect(screen.getByRole('alert').textContent).toMatch(/did not answer/);
  });
});
