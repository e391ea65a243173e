import path from 'node:path';
import { freePort, spawnLogged, waitForHttp } from '../../scripts/lib/processes.mjs';

const root = path.resolve(import.meta.dirname, '../..');

export interface CoreProcess {
  url: string;
  /** SIGTERM: in-flight work finishes, plugins stop, exit 0. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as on a crash or an OOM kill. */
  kill(): Promise<void>;
  /** Starts the same core again on the same port and database. */
  restart(): Promise<void>;
}

/**
 * The built core (dist/, as `npm start` runs it) in its own process, on a fixed port so a restart
 * comes back where clients reconnect. `env` carries the stack's shared settings (secrets, CMS, SMTP).
 */
export async function startBuiltCore(options: { env: Record<string, string>; port?: number; sqliteFile: string; logFile: string; name: string; extraEnv?: Record<string, string> }): Promise<CoreProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const spawnCore = async () => {
    const proc = spawnLogged(process.execPath, [path.join(root, 'dist/server/core/src/main.js')], {
      env: { ...options.env, ...options.extraEnv, PORT: String(port), PUBLIC_URL: url, SQLITE_FILE: options.sqliteFile },
      cwd: root,
      logFile: options.logFile,
      name: options.name,
    });
    await waitForHttp(`${url}/readyz`, { child: proc.child, name: options.name });
    return proc;
  };
  let proc = await spawnCore();
  return {
    url,
    stop: () => proc.stop(),
    kill: async () => {
      const exited = new Promise((resolve) => proc.child.once('exit', resolve));
      proc.child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      await proc.stop();
      proc = await spawnCore();
    },
  };
}
