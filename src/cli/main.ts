#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { DomainError } from '../core/errors.js';
import {
  apiKeysHelp,
  clientsHelp,
  directoryHelp,
  exportHelp,
  importHelp,
  keysHelp,
  mainHelp,
  migrateHelp,
  serveHelp,
} from './help.js';

// A command's code (and with it the database drivers, the server) is loaded only when it runs.

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  type Options = Record<string, { type: 'boolean' | 'string'; short?: string }>;
  const parse = (options: Options, allowPositionals = false) => {
    const parsed = parseArgs({
      args: rest,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
    });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    };
  };

  switch (command) {
    case 'serve': {
      const { values } = parse({ demo: { type: 'boolean' } });
      if (values.help) return console.log(serveHelp);
      const { serve } = await import('./serve.js');
      return serve({ demo: values.demo === true });
    }
    case 'migrate': {
      const { values } = parse({});
      if (values.help) return console.log(migrateHelp);
      const [{ openRuntime }, { migrateToLatest }] = await Promise.all([
        import('./runtime.js'),
        import('../store/migrator.js'),
      ]);
      const { database } = await openRuntime(process.env);
      // openRuntime migrated already; say what is current.
      const { applied } = await migrateToLatest(database.db);
      await database.close();
      return console.log(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`);
    }
    case 'import': {
      const { values, positionals } = parse({ 'dry-run': { type: 'boolean' } }, true);
      if (values.help) return console.log(importHelp);
      if (positionals.length !== 1) throw new UsageError(importHelp);
      const { importCommand } = await import('./transfer.js');
      return importCommand(positionals[0] ?? '', { dryRun: values['dry-run'] === true });
    }
    case 'export': {
      const { values } = parse({ output: { type: 'string', short: 'o' } });
      if (values.help) return console.log(exportHelp);
      const { exportCommand } = await import('./transfer.js');
      return exportCommand({ output: values.output as string | undefined });
    }
    case 'clients':
    case 'api-keys': {
      const [sub] = rest;
      const { values } = parse(
        {
          name: { type: 'string' },
          tenant: { type: 'string' },
          scopes: { type: 'string' },
          user: { type: 'string' },
        },
        true,
      );
      const help = command === 'clients' ? clientsHelp : apiKeysHelp;
      if (values.help) return console.log(help);
      if (sub !== 'create' || typeof values.name !== 'string') throw new UsageError(help);
      const { createCredentialCommand } = await import('./credentials.js');
      return createCredentialCommand(command === 'clients' ? 'oauth_client' : 'api_key', {
        name: values.name,
        tenant: values.tenant as string | undefined,
        scopes: values.scopes as string | undefined,
        user: values.user as string | undefined,
      });
    }
    case 'directory': {
      const [sub] = rest;
      const { values, positionals } = parse(
        {
          tenant: { type: 'string' },
          name: { type: 'string' },
          url: { type: 'string' },
          provider: { type: 'string' },
          'bind-dn': { type: 'string' },
          'bind-password-file': { type: 'string' },
          'base-dn': { type: 'string' },
          'user-filter': { type: 'string' },
          'group-filter': { type: 'string' },
          attributes: { type: 'string' },
          'start-tls': { type: 'boolean' },
          writable: { type: 'boolean' },
        },
        true,
      );
      if (values.help) return console.log(directoryHelp);
      const options = {
        tenant: values.tenant as string | undefined,
        name: values.name as string | undefined,
        url: values.url as string | undefined,
        provider: values.provider as string | undefined,
        bindDn: values['bind-dn'] as string | undefined,
        bindPasswordFile: values['bind-password-file'] as string | undefined,
        baseDn: values['base-dn'] as string | undefined,
        userFilter: values['user-filter'] as string | undefined,
        groupFilter: values['group-filter'] as string | undefined,
        attributes: values.attributes as string | undefined,
        startTls: values['start-tls'] as boolean | undefined,
        writable: values.writable as boolean | undefined,
      };
      const cli = await import('./directory.js');
      const ref = positionals[1];
      if (sub === 'add' && positionals.length === 1) return cli.addDirectoryCommand(options);
      if (sub === 'list' && positionals.length === 1) return cli.listDirectoriesCommand(options);
      if (sub === 'sync' && ref !== undefined && positionals.length === 2)
        return cli.syncDirectoryCommand(ref, options);
      if (sub === 'remove' && ref !== undefined && positionals.length === 2)
        return cli.removeDirectoryCommand(ref, options);
      throw new UsageError(directoryHelp);
    }
    case 'keys': {
      const { values, positionals } = parse({}, true);
      if (values.help) return console.log(keysHelp);
      if (positionals[0] !== 'rotate') throw new UsageError(keysHelp);
      const { rotateKeysCommand } = await import('./credentials.js');
      return rotateKeysCommand();
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      return console.log(mainHelp);
    default:
      throw new UsageError(`unknown command "${command}"\n\n${mainHelp}`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) console.error(error.message);
  else if (error instanceof DomainError) console.error(`${error.code}: ${error.message}`);
  else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
});
