import {
  Attribute,
  Change,
  Client,
  InvalidCredentialsError,
  ResultCodeError,
  TypeOrValueExistsError,
  type Entry,
} from 'ldapts';
import { DomainError } from '../errors.js';
import type { Directory } from '../model/directory.js';

/** How long to wait for the server: to connect, and for any one operation. */
const CONNECT_TIMEOUT_MS = 5_000;
const OPERATION_TIMEOUT_MS = 30_000;
/** Entries per page of a paged search (RFC 2696): under Active Directory's MaxPageSize of 1000. */
const PAGE_SIZE = 500;

/** One change of an entry, as remediation asks for it. */
export interface EntryChange {
  operation: 'add' | 'delete' | 'replace';
  attribute: string;
  values: string[];
}

/** A bound connection to a tenant's directory. */
export interface LdapConnection {
  /** Every entry under `baseDn` that matches `filter`, page after page. */
  searchAll(baseDn: string, filter: string, attributes: string[]): Promise<Entry[]>;
  /** Adding a value the entry has already leaves it as wanted: that is no error. */
  modify(dn: string, changes: readonly EntryChange[]): Promise<void>;
  close(): Promise<void>;
}

/** Binary attributes (Active Directory's) that are read as bytes and shown in their text form. */
export const binaryAttributes = ['objectGUID', 'objectSid'];

function tlsOptions(directory: Directory) {
  return {
    rejectUnauthorized: directory.tlsVerify,
    ...(directory.caCertificate !== null && { ca: [directory.caCertificate] }),
  };
}

/** What went wrong talking to the directory, in words for the person who configured it. */
function directoryError(directory: Directory, step: string, error: unknown): DomainError {
  if (error instanceof InvalidCredentialsError) {
    return new DomainError(
      'directory.bind_failed',
      `directory "${directory.name}" refused the bind as ${directory.bindDn}: invalid credentials`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ResultCodeError) {
    return new DomainError(
      'directory.operation_failed',
      `directory "${directory.name}" refused the ${step}: ${detail} (LDAP result ${error.code})`,
    );
  }
  return new DomainError(
    'directory.unreachable',
    `directory "${directory.name}" at ${directory.url} could not be reached during the ${step}: ${detail}`,
  );
}

/** Connects to the directory (StartTLS when asked) and binds with its credentials. */
export async function connectDirectory(directory: Directory, bindPassword: string): Promise<LdapConnection> {
  const client = new Client({
    url: directory.url,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: OPERATION_TIMEOUT_MS,
    strictDN: false,
    ...(directory.url.startsWith('ldaps:') && { tlsOptions: tlsOptions(directory) }),
  });
  const close = async () => {
    try {
      await client.unbind();
    } catch {
      // The connection is gone already: nothing is left to close.
    }
  };
  try {
    // Upgrading a connected socket, Node checks the certificate against `host` (else "localhost"):
    // it must be the directory's host, as for ldaps://.
    const host = new URL(directory.url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (directory.startTls) await client.startTLS({ ...tlsOptions(directory), host });
    await client.bind(directory.bindDn, bindPassword);
  } catch (error) {
    await close();
    throw directoryError(directory, directory.startTls ? 'StartTLS and bind' : 'bind', error);
  }
  return {
    async searchAll(baseDn, filter, attributes) {
      try {
        const { searchEntries } = await client.search(baseDn, {
          scope: 'sub',
          filter,
          attributes,
          explicitBufferAttributes: binaryAttributes,
          paged: { pageSize: PAGE_SIZE },
        });
        return searchEntries;
      } catch (error) {
        throw directoryError(directory, `search of ${baseDn}`, error);
      }
    },
    async modify(dn, changes) {
      try {
        await client.modify(
          dn,
          changes.map(
            (change) =>
              new Change({
                operation: change.operation,
                modification: new Attribute({ type: change.attribute, values: change.values }),
              }),
          ),
        );
      } catch (error) {
        if (error instanceof TypeOrValueExistsError && changes.every((c) => c.operation === 'add')) return;
        throw directoryError(directory, `modify of ${dn}`, error);
      }
    },
    close,
  };
}
