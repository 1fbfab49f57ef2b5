/** Access levels, lowest first: the index is the rank stored in the database. */
export const accessLevels = ['NoAccess', 'Read', 'Write'] as const;
export type AccessLevel = (typeof accessLevels)[number];

/** View levels, lowest first. */
export const viewLevels = ['Simple', 'Detailed'] as const;
export type ViewLevel = (typeof viewLevels)[number];

export const accessRank = (level: AccessLevel): number => accessLevels.indexOf(level);
export const viewRank = (level: ViewLevel): number => viewLevels.indexOf(level);

export function accessLevelOfRank(rank: number): AccessLevel {
  const level = accessLevels[rank];
  if (level === undefined) throw new Error(`no access level has rank ${rank}`);
  return level;
}

export function viewLevelOfRank(rank: number): ViewLevel {
  const level = viewLevels[rank];
  if (level === undefined) throw new Error(`no view level has rank ${rank}`);
  return level;
}
