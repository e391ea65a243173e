import { ConfigError, loadConfig } from './config/env.js';
import { KernelError } from './kernel/kernel-error.js';
import { createLogger } from './logging/logger.js';
import { startPlatform } from './platform.js';

/**
 * The core process. Configuration problems end it with one readable message and exit code 2
 * before anything opens; SIGTERM/SIGINT stop it gracefully (exit 0).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`callpy: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  try {
    const platform = await startPlatform({ config, logger });
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'signal received');
      platform.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.fatal({ err }, 'start-up failed');
    process.stderr.write(`callpy: start-up failed: ${message}\n`);
    logger.flush();
    process.exit(err instanceof KernelError ? 2 : 1);
  }
}

await main();
