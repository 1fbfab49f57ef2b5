import { describe, expect, test } from 'vitest';
import { treeOrder } from './TenantSwitcher.js';

describe('treeOrder', () => {
  test('puts children under their parent, indented, siblings by name', () => {
    const tenants = [
      { id: 'b', parentId: 'root', name: 'Beta', code: 'B' },
      { id: 'root', parentId: null, name: 'Root', code: 'R' },
      { id: 'a', parentId: 'root', name: 'Alpha', code: 'A' },
      { id: 'a1', parentId: 'a', name: 'Alpha One', code: 'A1' },
    ];
    expect(treeOrder(tenants).map((option) => option.label.replaceAll('\u00a0', '.'))).toEqual([
      'Root (R)',
      '..Alpha (A)',
      '....Alpha One (A1)',
      '..Beta (B)',
    ]);
  });

  test('a tenant whose parent is out of reach starts a tree of its own', () => {
    expect(treeOrder([{ id: 'c', parentId: 'elsewhere', name: 'Child', code: 'C' }])).toEqual([
      { id: 'c', label: 'Child (C)' },
    ]);
  });
});
