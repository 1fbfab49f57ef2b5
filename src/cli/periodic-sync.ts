import type { Logger } from 'pino';
import type { CoreContext } from '../core/context.js';
import { syncDirectory } from '../core/services/directory-sync.service.js';
import { everyDirectory, type SecretBox } from '../core/services/directory.service.js';

/**
 * Syncs every directory of the installation every `intervalSeconds` (DIRECTORY_SYNC_INTERVAL_SECONDS),
 * one after another; a round still running when the next is due lets that one pass. A directory
 * that fails is logged and tried again next round. Returns what stops it.
 */
export function startPeriodicSync(
  ctx: CoreContext,
  box: SecretBox,
  intervalSeconds: number,
  logger: Logger,
): () => void {
  let running = false;
  const round = async () => {
    for (const { directory, tenant } of await everyDirectory(ctx)) {
      try {
        const report = await syncDirectory(ctx, tenant, box, directory.id);
        logger.info(
          { directory: directory.name, tenantId: tenant.id, accounts: report.accounts },
          'directory synced',
        );
      } catch (error) {
        logger.warn({ err: error, directory: directory.name, tenantId: tenant.id }, 'directory sync failed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((error: unknown) => logger.warn({ err: error }, 'directory sync round failed'))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000).unref();
  return () => clearInterval(timer);
}
