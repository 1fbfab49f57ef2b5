import { allScopes } from '../auth/scopes.js';
import { configVariables, numericSettings } from '../config.js';

/** `default 600, 30 to 86400` for a number setting; `default ...` for the others. */
function defaultAndRange(name: string, fallback: string): string {
  const range = Object.hasOwn(numericSettings, name)
    ? numericSettings[name as keyof typeof numericSettings]
    : undefined;
  return range ? `default ${fallback}, ${range.min} to ${range.max}` : `default ${fallback}`;
}

// Every text the CLI prints for --help, apart from the commands' code: `profiled --help` loads
// this file and nothing of the server, so it answers at once.

export const mainHelp = `Usage: profiled <command> [options]

Commands:
  serve [--demo]            serve the API (migrating first); --demo loads demo data into an empty database
  migrate                   apply pending migrations
  import FILE [--dry-run]   import a document written by export
  export [--output FILE]    write the whole installation as one JSON document
  clients create --name N   create an OAuth client and print its secret
  api-keys create --name N  create an API key and print it
  keys rotate               make a new token signing key current
  directory add|list|sync|remove
                            connect an LDAP directory to a tenant, list, sync or remove one

Run 'profiled <command> --help' for a command's options.

Environment:
${configVariables.map(([name, fallback, meaning]) => `  ${name.padEnd(28)} ${meaning} (${defaultAndRange(name, fallback)})`).join('\n')}`;

export const migrateHelp = `Usage: profiled migrate

Applies every pending database migration and exits (non-zero when one fails).`;

export const serveHelp = `Usage: profiled serve [--demo]

Migrates the database, then serves the native API, /docs and /openapi.json.
  --demo   on an empty database, first load the demo dataset (tenants, users, profiles, assignments);
           listen on 127.0.0.1 only (its credentials are public) unless HOST is set;
           also keep the read-only client demo-reader / demo-reader-secret, filled in on /docs,
           and give ada.lovelace (tenant WFF_j1r) the password Demo-Password-2026 (read-only)
Configuration comes from environment variables: see profiled --help.`;

const createOptions = `  --name     what it is for
  --tenant   the tenant it belongs to, by code or id (default: the root tenant)
  --scopes   space-separated scopes (default: all): ${allScopes.join(' ')}
  --user     the user of the tenant it acts as, by id or username (default: none; it acts as itself)`;

export const clientsHelp = `Usage: profiled clients create --name NAME [--tenant CODE] [--scopes "a b ..."] [--user ID]

Creates an OAuth client and prints its id and secret (shown this once).
${createOptions}`;

export const apiKeysHelp = `Usage: profiled api-keys create --name NAME [--tenant CODE] [--scopes "a b ..."] [--user ID]

Creates an API key and prints it (shown this once): send it as X-API-Key on the native API, or as
the apikey header of the Visier compat API.
${createOptions}`;

export const keysHelp = `Usage: profiled keys rotate

Makes a new token signing key current. Tokens signed with the previous key stay valid until they
expire (ACCESS_TOKEN_TTL_SECONDS); other processes pick the new key up within 30 seconds.`;

export const importHelp = `Usage: profiled import FILE [--dry-run]

Imports a document written by 'profiled export' (tenants, users, groups, profiles, assignments)
in one transaction: missing entities are created, differing ones updated, ids and timestamps kept.
  --dry-run   print what would change and write nothing`;

export const exportHelp = `Usage: profiled export [--output FILE]

Writes the whole installation as one JSON document (to standard output by default).
Importing it into an empty database recreates the installation exactly.`;

export const directoryHelp = `Usage: profiled directory add --name NAME --url URL --bind-dn DN --base-dn DN [options]
       profiled directory list [--tenant CODE]
       profiled directory sync NAME|ID [--tenant CODE]
       profiled directory remove NAME|ID [--tenant CODE]

Connects an LDAP directory (OpenLDAP, Active Directory) to a tenant and syncs its accounts, groups
(nested membership included) and attributes into profiled; see docs/directory.md.
  --tenant CODE             the tenant (code or id; default: the root tenant)
  --url URL                 ldap://host:389 or ldaps://host:636
  --bind-dn DN              the DN profiled binds as
  --bind-password-file F    a file holding the bind password (else PROFILED_BIND_PASSWORD)
  --base-dn DN              where accounts and groups are searched
  --provider NAME           shown as the accounts' provider (default OpenLDAP; AD for Active Directory)
  --user-filter F           accounts (default (objectClass=inetOrgPerson))
  --group-filter F          groups (default (objectClass=groupOfNames))
  --attributes "a,b"        LDAP attributes read for accounts, that profiles may require
  --start-tls               upgrade ldap:// with StartTLS before binding
  --writable                let remediation change the directory with this bind
'sync' prints a progress line on standard error and then the counts; an unreachable directory or a
refused bind writes nothing and exits non-zero.`;
