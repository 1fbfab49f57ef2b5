/**
 * ARM keeps a profile's colour as an int, 0xRRGGBB (what .NET's Color.ToArgb() gives without its
 * alpha byte); profiled as `#RRGGBB`. No colour is null on both sides.
 */
export const COLOR_MAX = 0xffffff;

export const colorToInt = (color: string | null): number | null =>
  color === null ? null : Number.parseInt(color.slice(1), 16);

export const colorFromInt = (value: number | null): string | null =>
  value === null ? null : `#${value.toString(16).padStart(6, '0').toUpperCase()}`;
