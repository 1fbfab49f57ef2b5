import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { CapabilityGrid, type Grant } from './CapabilityGrid.js';

const catalog = [
  { name: 'Analytics', displayName: 'Analytics', description: '' },
  { name: 'Reports', displayName: 'Reports', description: '' },
];

describe('CapabilityGrid', () => {
  test('shows a row per capability of the catalog and of the profile, with its levels marked', () => {
    const grants: Grant[] = [
      { capability: 'Reports', accessLevel: 'Write', viewLevel: 'Detailed' },
      { capability: 'Legacy', accessLevel: 'Read', viewLevel: 'Simple' },
    ];
    render(<CapabilityGrid catalog={catalog} grants={grants} />);
    const rows = screen.getAllByRole('row').slice(2);
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Analytics',
      'Reports',
      'Legacy',
    ]);
    const marked = (row: HTMLElement) =>
      [...row.querySelectorAll('td')].map((cell) => (cell.textContent?.includes('yes') ? 'x' : '.')).join('');
    // Not granted, No access, Read, Write | Simple, Detailed
    expect(rows.map(marked)).toEqual(['x.....', '...x.x', '..x.x.']);
    expect(screen.queryByRole('radio')).toBeNull();
  });

  test('edits with radio buttons: granting, changing the view level and taking away', async () => {
    const onChange = vi.fn();
    const grants: Grant[] = [{ capability: 'Reports', accessLevel: 'Read', viewLevel: 'Simple' }];
    render(<CapabilityGrid catalog={catalog} grants={grants} onChange={onChange} />);
    await userEvent.click(screen.getByRole('radio', { name: 'Analytics: Write' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { capability: 'Analytics', accessLevel: 'Write', viewLevel: 'Simple' },
      ...grants,
    ]);
    await userEvent.click(screen.getByRole('radio', { name: 'Reports: view Detailed' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { capability: 'Reports', accessLevel: 'Read', viewLevel: 'Detailed' },
    ]);
    await userEvent.click(screen.getByRole('radio', { name: 'Reports: not granted' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
