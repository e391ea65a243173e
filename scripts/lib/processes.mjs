// Child processes of a local stack: spawn with logs to a file, wait until an HTTP URL answers,
// stop with SIGTERM (then SIGKILL). Shared by `npm start`, the e2e setup and the core tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers below 500.
 * @param {string} url
 * @param {{ timeoutMs?: number, child?: import('node:child_process').ChildProcess, name?: string }} [options]
 */
export async function waitForHttp(url, { timeoutMs = 60_000, child, name = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Spawns `command args` with `env`; output goes to `logFile` (or is inherited when `logFile` is
 * null). Returns { child, stop() }.
 */
export function spawnLogged(command, args, { env, cwd, logFile, name }) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  const stop = (timeoutMs = 10_000) =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  child.once('exit', (code, signal) => {
    if (code && logFile) process.stderr.write(`${name} exited with code ${code}${signal ? ` (${signal})` : ''}; see ${logFile}\n`);
  });
  return { child, stop };
}
