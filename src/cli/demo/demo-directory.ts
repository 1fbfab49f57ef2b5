import type { DirectorySnapshot } from '../../core/directory/directory-snapshot.js';
import type { DirectoryCreate } from '../../core/schemas/directory.schema.js';

const base = 'dc=example,dc=com';
const person = (uid: string) => `uid=${uid},ou=people,${base}`;
const group = (cn: string) => `cn=${cn},ou=groups,${base}`;

/**
 * The demo's directory: a connection to an OpenLDAP server that the demo does not run, and what
 * its last sync found, stored as if synced. Compliance, ARM's pages and remediation's dry run work
 * on these facts; a sync (or an applied remediation) needs the server and says it cannot reach it.
 */
export const demoDirectory: { tenant: string; connection: DirectoryCreate; snapshot: DirectorySnapshot } = {
  tenant: 'WFF_j1r',
  connection: {
    name: 'corp-ldap',
    provider: 'OpenLDAP',
    url: 'ldap://127.0.0.1:3389',
    bindDn: `cn=profiled,ou=services,${base}`,
    bindPassword: 'demo-directory-password',
    baseDn: base,
    attributes: ['department', 'title'],
  },
  snapshot: {
    accounts: [
      {
        dn: person('ada.lovelace'),
        externalId: 'a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e01',
        username: 'ada.lovelace',
        email: 'ada.lovelace@example.com',
        displayName: 'Ada Lovelace',
        givenName: 'Ada',
        familyName: 'Lovelace',
        sid: null,
        attributes: [
          { name: 'department', value: 'Partner Operations' },
          { name: 'title', value: 'Partner administrator' },
        ],
        groups: ['Everyone', 'Partner Admins'],
      },
      {
        dn: person('grace.hopper'),
        externalId: 'a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e02',
        username: 'grace.hopper',
        email: 'grace.hopper@example.com',
        displayName: 'Grace Hopper',
        givenName: 'Grace',
        familyName: 'Hopper',
        sid: null,
        attributes: [{ name: 'department', value: 'Engineering' }],
        groups: ['Everyone'],
      },
      {
        dn: person('alan.turing'),
        externalId: 'a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e03',
        username: 'alan.turing',
        email: 'alan.turing@example.com',
        displayName: 'Alan Turing',
        givenName: 'Alan',
        familyName: 'Turing',
        sid: null,
        attributes: [{ name: 'department', value: 'Customer Service' }],
        groups: ['Everyone', 'Service Desk'],
      },
      {
        dn: person('edsger.dijkstra'),
        externalId: 'a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e04',
        username: 'edsger.dijkstra',
        email: 'edsger.dijkstra@example.com',
        displayName: 'Edsger Dijkstra',
        givenName: 'Edsger',
        familyName: 'Dijkstra',
        sid: null,
        attributes: [{ name: 'department', value: 'Research' }],
        groups: ['Everyone'],
      },
    ],
    groups: [
      {
        dn: group('Partner Admins'),
        externalId: 'b7e2d4f6-1c3a-4e5b-8f7d-2a3b4c5d6e01',
        name: 'Partner Admins',
        description: 'LDAP group of partner administrators',
        sid: null,
        memberIds: ['a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e01'],
        childDns: [],
      },
      {
        dn: group('Service Desk'),
        externalId: 'b7e2d4f6-1c3a-4e5b-8f7d-2a3b4c5d6e02',
        name: 'Service Desk',
        description: 'Customer service agents',
        sid: null,
        memberIds: ['a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e03'],
        childDns: [],
      },
      {
        dn: group('Everyone'),
        externalId: 'b7e2d4f6-1c3a-4e5b-8f7d-2a3b4c5d6e03',
        name: 'Everyone',
        description: 'Every account (Partner Admins and Service Desk nested)',
        sid: null,
        memberIds: [1, 2, 3, 4].map((n) => `a3f1c9d2-0b4e-4c6a-9d1f-1e2b3c4d5e0${n}`),
        childDns: [group('Partner Admins'), group('Service Desk')],
      },
    ],
    failures: [],
  },
};
