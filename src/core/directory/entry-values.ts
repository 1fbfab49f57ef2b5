import type { Entry } from 'ldapts';

/** An Active Directory objectGUID's 16 bytes as the GUID text Windows shows (mixed endianness). */
export function guidText(bytes: Buffer): string {
  if (bytes.length !== 16) return bytes.toString('hex');
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

/** A binary objectSid as its S-1-... text (MS-DTYP 2.4.2). */
export function sidText(bytes: Buffer): string {
  if (bytes.length < 8) return bytes.toString('hex');
  const count = bytes[1]!;
  const authority = bytes.readUIntBE(2, 6);
  const parts = [`S-${bytes[0]}-${authority}`];
  for (let i = 0; i < count && 8 + i * 4 + 4 <= bytes.length; i++)
    parts.push(String(bytes.readUInt32LE(8 + i * 4)));
  return parts.join('-');
}

/**
 * The values of an entry's attribute as text, whatever the server's casing of its name. Binary
 * ids (objectGUID, objectSid) come in their text form.
 */
export function valuesOf(entry: Entry, attribute: string): string[] {
  const wanted = attribute.toLowerCase();
  const name = Object.keys(entry).find((key) => key.toLowerCase() === wanted);
  if (name === undefined || name === 'dn') return [];
  const raw = entry[name]!;
  const values = Array.isArray(raw) ? raw : [raw];
  return values.map((value) => {
    if (typeof value === 'string') return value;
    if (wanted === 'objectguid') return guidText(value);
    if (wanted === 'objectsid') return sidText(value);
    return value.toString('utf8');
  });
}

export const firstValue = (entry: Entry, attribute: string | null): string | null =>
  attribute === null ? null : (valuesOf(entry, attribute)[0] ?? null);
