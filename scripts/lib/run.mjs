// Runs a command in the foreground with inherited output; throws when it fails.
import { spawn } from 'node:child_process';

export function run(command, args, { cwd, env, label } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    if (label) console.log(`\n▶ ${label}`);
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) {
        if (label) console.log(`✔ ${label} (${seconds} s)`);
        resolve(Number(seconds));
      } else reject(new Error(`${label ?? command} failed (${signal ?? `exit ${code}`}) after ${seconds} s`));
    });
  });
}
