import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { CoreConfig } from '../config/env.js';
import type { Logger } from '../logging/logger.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent along (an invoice's PDF); at most a few MB in all. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Outgoing mail through nodemailer: SMTP when SMTP_URL is set, otherwise each message is written
 * as an .eml file under <data>/mail so a fresh install needs no mail server and nothing is lost.
 */
export class Mailer {
  private readonly transport: Transporter;
  private readonly toFolder: boolean;

  constructor(
    private readonly config: CoreConfig['mail'],
    private readonly logger: Logger,
  ) {
    this.toFolder = !config.smtpUrl;
    this.transport = config.smtpUrl
      ? nodemailer.createTransport(config.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: Mail): Promise<void> {
    const info = (await this.transport.sendMail({ from: this.config.from, ...mail })) as {
      messageId: string;
      message?: Buffer;
    };
    if (this.toFolder && info.message) {
      await fs.mkdir(this.config.folder, { recursive: true });
      const file = path.join(this.config.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
      await fs.writeFile(file, info.message);
      this.logger.info({ file, subject: mail.subject }, 'mail written to folder (no SMTP_URL set)');
    } else {
      this.logger.info({ messageId: info.messageId, subject: mail.subject }, 'mail sent');
    }
  }

  close(): void {
    this.transport.close();
  }
}
