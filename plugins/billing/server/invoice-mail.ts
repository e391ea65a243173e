import { escapeHtml } from '../../../core/src/index.js';
import { formatMoney } from '../shared/billing.protocol.js';
import type { BillingContext } from './billing.context.js';
import type { OrderRow } from './billing.tables.js';
import { invoicePdf } from './invoice-pdf.js';
import type { Licences } from './licences.js';
import { orderNumber } from './orders.service.js';

/** A company's invoice: the PDF on demand (made from the order, so it is the same every time), and mailed once. */
export class InvoiceMailer {
  constructor(
    private readonly ctx: BillingContext,
    private readonly licences: Licences,
  ) {}

  pdf(order: OrderRow): Promise<Buffer> {
    const requisites = this.licences.planSetOf(order.account_id).requisites;
    return invoicePdf(order, requisites, { regular: this.ctx.options.fontFile, bold: this.ctx.options.boldFontFile });
  }

  fileName(order: Pick<OrderRow, 'id' | 'created_at'>): string {
    return `invoice-${orderNumber(order)}.pdf`;
  }

  async send(order: OrderRow, to: string): Promise<void> {
    const number = orderNumber(order);
    const total = formatMoney(Number(order.total), 'ru');
    const account = this.ctx.content.account(order.account_id)?.name ?? '';
    await this.ctx.mail.send({
      to,
      subject: `Счёт № ${number} на оплату лицензии Callpy`,
      text: `Здравствуйте!\n\nСчёт № ${number} на ${total} для аккаунта «${account}» — во вложении. Лицензия продлится, как только оплата поступит.\n\nCallpy`,
      html: `<p>Здравствуйте!</p><p>Счёт № ${escapeHtml(number)} на ${escapeHtml(total)} для аккаунта «${escapeHtml(account)}» — во вложении. Лицензия продлится, как только оплата поступит.</p><p>Callpy</p>`,
      attachments: [{ filename: this.fileName(order), content: await this.pdf(order), contentType: 'application/pdf' }],
    });
  }
}
