import PDFDocument from 'pdfkit';
import { formatMoney, PLAN_TITLES, type CompanyPayer, type Requisites } from '../shared/billing.protocol.js';
import type { OrderRow } from './billing.tables.js';
import { orderNumber } from './orders.service.js';

const monthsRu = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'месяц' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'месяца' : 'месяцев');

/**
 * A company's invoice (счёт на оплату) as a PDF: the agency's requisites, the buyer, one line for
 * the licence, the total. Russian, as such invoices are; the font is a TTF with Cyrillic.
 */
export async function invoicePdf(order: OrderRow, requisites: Requisites, fonts: { regular: string; bold: string }): Promise<Buffer> {
  const payer = JSON.parse(order.payer) as CompanyPayer;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Счёт № ${orderNumber(order)}`, Subject: `Invoice ${orderNumber(order)}`, Author: requisites.name || 'Callpy' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const line = (label: string, value: string) => doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value || '—');
  const created = new Date(Number(order.created_at));
  const date = created.toLocaleDateString('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  doc.font('bold').fontSize(16).text(`Счёт на оплату № ${orderNumber(order)} от ${date}`);
  doc.moveDown();
  doc.fontSize(10);
  doc.font('bold').text('Поставщик');
  line('Наименование', requisites.name);
  line('ИНН / КПП', [requisites.inn, requisites.kpp].filter(Boolean).join(' / '));
  line('Адрес', requisites.address);
  line('Банк', requisites.bank);
  line('БИК', requisites.bik);
  line('Расчётный счёт', requisites.account);
  line('Корр. счёт', requisites.correspondentAccount);
  doc.moveDown();
  doc.font('bold').text('Покупатель');
  line('Наименование', payer.name);
  line('ИНН / КПП', [payer.inn, payer.kpp].filter(Boolean).join(' / '));
  line('Адрес', payer.address);
  doc.moveDown();

  const months = Number(order.months);
  const item = `Лицензия Callpy, тариф ${PLAN_TITLES[order.plan].ru}: ${order.seats} конс. × ${months} ${monthsRu(months)}`;
  doc.font('bold').text('Наименование', 50, doc.y, { width: 330, continued: false });
  doc.moveUp().text('Сумма', 400, doc.y, { width: 145, align: 'right' });
  doc.moveTo(50, doc.y + 2).lineTo(545, doc.y + 2).stroke();
  doc.moveDown(0.5);
  const y = doc.y;
  doc.font('regular').text(item, 50, y, { width: 330 });
  const after = doc.y;
  doc.text(formatMoney(Number(order.total), 'ru'), 400, y, { width: 145, align: 'right' });
  doc.y = Math.max(after, doc.y);
  if (Number(order.discount)) doc.text(`Скидка за период: ${order.discount} %`, 50, doc.y, { width: 330 });
  doc.moveDown();
  doc.font('bold').fontSize(12).text(`Итого к оплате: ${formatMoney(Number(order.total), 'ru')}`, 50, doc.y, { align: 'right', width: 495 });
  doc.font('regular').fontSize(10).text('Без НДС.', { align: 'right', width: 495 });
  doc.moveDown(2);
  doc.text(`В назначении платежа укажите: «Оплата по счёту № ${orderNumber(order)}». Лицензия продлевается после поступления оплаты.`, 50, doc.y, { width: 495 });
  doc.end();
  return done;
}
