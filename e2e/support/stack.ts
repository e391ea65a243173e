import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

export { linkIn } from '../../core/test/support/smtp-server.js';

export interface Stack {
  coreUrl: string;
  pluginCoreUrl: string;
  cmsUrl: string;
  cmsApiToken: string;
  /** What every core of the stack runs with (test-only secrets, CMS, SMTP): tests start more cores. */
  coreEnv: Record<string, string>;
  mailDir: string;
  admin: { email: string; password: string };
  operator: { email: string; password: string };
  /** The demo agency's staff member (the agency console). */
  staff: { email: string; password: string };
  demoSite: { url: string; publicKey: string; id: string; account: string };
  logs: string;
  /** The main core's movable clock (TEST_CLOCK_TOKEN): see moveClock. */
  testClockToken: string;
}

export const stackFile = path.resolve(import.meta.dirname, '../../test-results/.stack.json');
fs.mkdirSync(path.dirname(stackFile), { recursive: true });

export const stack = (): Stack => JSON.parse(fs.readFileSync(stackFile, 'utf8')) as Stack;

/** Waits for a mail to `to` in the SMTP server's folder. */
export async function mailTo(to: string, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of fs.readdirSync(stack().mailDir).sort().reverse()) {
      const mail = await simpleParser(fs.readFileSync(path.join(stack().mailDir, file)));
      if (JSON.stringify(mail.to).includes(to)) return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

/**
 * Sets the main core's clock (kernel/test-clock.ts, test-only) to show `at` now, or the system's
 * time again with null. A spec that moves it puts it back when done: the specs after it share the core.
 */
export async function moveClock(at: Date | null): Promise<void> {
  const { coreUrl, testClockToken } = stack();
  const body = at ? { at: at.toISOString() } : { offsetMs: 0 };
  const res = await fetch(`${coreUrl}/internal/test-clock`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${testClockToken}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`the test clock did not move: ${res.status} ${await res.text()}`);
}

export const screenshotDir = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
