import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { escapeHtml, mailFor } from '../../src/mail/mail-templates.js';
import { Mailer } from '../../src/mail/mailer.js';
import { startTestSmtp } from '../support/smtp-server.js';

describe('mail', () => {
  it('without SMTP_URL writes each mail as an .eml file in the mail folder', async () => {
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-mail-')), 'mail');
    const mailer = new Mailer({ smtpUrl: undefined, from: 'Callpy <a@b.test>', folder }, createLogger('silent'));
    await mailer.send(mailFor('reset', 'ru', 'ivan@example.test', 'http://panel/reset-password?token=abc'));
    const [file] = fs.readdirSync(folder);
    expect(file).toMatch(/\.eml$/);
    const mail = await simpleParser(fs.readFileSync(path.join(folder, file!)));
    expect(mail.subject).toBe('Callpy: восстановление пароля');
    expect(mail.text).toContain('http://panel/reset-password?token=abc');
  });

  it('sends through a real SMTP server', async () => {
    const smtp = await startTestSmtp();
    const mailer = new Mailer({ smtpUrl: smtp.url, from: 'Callpy <a@b.test>', folder: '/nonexistent' }, createLogger('silent'));
    await mailer.send(mailFor('invitation', 'en', 'new@example.test', 'http://panel/accept-invitation?token=t', { account: 'Acme <b>' }));
    const mail = await smtp.waitFor(() => true);
    expect(mail.subject).toBe('Your invitation to Callpy');
    expect(mail.html).toContain('Acme &#60;b&#62;');
    expect(mail.html).not.toContain('<b>');
    mailer.close();
    await smtp.stop();
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe('&#60;script&#62;&#34;x&#34;&#38;&#39;y&#39;&#60;/script&#62;');
  });
});
