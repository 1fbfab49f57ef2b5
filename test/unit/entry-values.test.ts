import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guidText, sidText, valuesOf } from '../../src/core/directory/entry-values.js';

test("Active Directory's binary ids read as Windows shows them", () => {
  // objectGUID: the first three fields are little-endian, the last two as stored (as .NET's Guid).
  const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  assert.equal(guidText(guid), '33221100-5544-7766-8899-aabbccddeeff');
  // BUILTIN\Administrators: revision 1, two sub-authorities, authority 5 (NT), 32 and 544.
  const administrators = Buffer.from('01020000000000052000000020020000', 'hex');
  assert.equal(sidText(administrators), 'S-1-5-32-544');
  const domainUser = Buffer.from('010500000000000515000000c7f5ffd77c6c55c894582e0115040000', 'hex');
  assert.equal(sidText(domainUser), 'S-1-5-21-3623876039-3361041532-19814548-1045');
});

test('attribute names match in any case; binary values come as text', () => {
  const entry = {
    dn: 'cn=x',
    DepartmentNumber: ['Sales', 'Ops'],
    objectGUID: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
    mail: 'x@example.org',
  };
  assert.deepEqual(valuesOf(entry, 'departmentnumber'), ['Sales', 'Ops']);
  assert.deepEqual(valuesOf(entry, 'objectguid'), ['33221100-5544-7766-8899-aabbccddeeff']);
  assert.deepEqual(valuesOf(entry, 'mail'), ['x@example.org']);
  assert.deepEqual(valuesOf(entry, 'title'), []);
  assert.deepEqual(valuesOf(entry, 'dn'), [], 'the DN is not an attribute');
});
