import { expect, test } from 'vitest';
import { demoAssignments, recordedAt } from '../../test-support/demo-answers.js';
import { assignmentLabel, assignmentRows } from './assignment-rows.js';

test('assignmentLabel says "PROFILE for USER from X until Y", open ends in words', () => {
  expect(assignmentLabel('ANALYST', 'ada', { from: Date.UTC(2027, 0, 10, 9), until: null })).toBe(
    'ANALYST for ada from 2027-01-10 09:00 UTC until open end',
  );
  expect(assignmentLabel('ANALYST', 'ada', { from: null, until: Date.UTC(2027, 1, 10, 9) })).toBe(
    'ANALYST for ada from open start until 2027-02-10 09:00 UTC',
  );
});

test('assignmentRows groups by user or profile, rows by name, bars by start', () => {
  const names: Record<string, string> = {
    'f2dad304-8241-5c12-b691-e5738f6925fb': 'grace',
    'b2184c95-bb2c-5c04-b03c-2e27f82cf62e': 'ada',
  };
  const user = (id: string) => names[id] ?? id.slice(0, 4);
  const profile = (id: string) => `P-${id.slice(0, 4)}`;
  const byUser = assignmentRows(demoAssignments.items, 'user', user, profile, recordedAt);
  expect(byUser.map((row) => row.label)).toEqual(['41ca', 'ada', 'fcea', 'grace']);
  const graces = byUser.find((row) => row.label === 'grace')!;
  expect(graces.bars.map((bar) => [bar.text, bar.status])).toEqual([
    ['P-8b31', 'active'],
    ['P-80d0', 'active'],
  ]);
  const byProfile = assignmentRows(demoAssignments.items, 'profile', user, profile, recordedAt);
  expect(byProfile.map((row) => [row.label, row.bars.length])).toEqual([
    ['P-3838', 1],
    ['P-80d0', 2],
    ['P-8b31', 2],
  ]);
  expect(byProfile[0]!.bars[0]!.status).toBe('future');
});
