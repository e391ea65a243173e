import {
  DEFAULT_OPERATOR_PREFERENCES,
  type AttachmentDto,
  type DepartmentDto,
  type DialogDto,
  type MessageDto,
  type OperatorDto,
  type PageView,
  type QuickReplyDto,
  type TemplateDto,
  type VisitorDto,
} from '../../shared/chat.protocol';
import type { FakeChatSocket } from './fake-chat-socket';

/** Realistic data for the chat view's tests and screenshots: a small shop's Monday afternoon. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const SHOP = 'https://romashka-shop.ru';

export const ME = 1;

export const OPERATORS: OperatorDto[] = [
  { id: 1, name: 'Анна Смирнова', avatarUrl: null, status: 'online', connected: true, departmentIds: ['d-sales'] },
  { id: 2, name: 'Иван Петров', avatarUrl: null, status: 'online', connected: true, departmentIds: ['d-support'] },
  { id: 3, name: 'Ольга Кузнецова', avatarUrl: null, status: 'away', connected: true, departmentIds: ['d-sales'] },
];

export const DEPARTMENTS: DepartmentDto[] = [
  { id: 'd-sales', name: 'Отдел продаж', memberIds: [1, 3] },
  { id: 'd-support', name: 'Техническая поддержка', memberIds: [2] },
];

function pages(...views: [string, string, number, number | null][]): PageView[] {
  return views.map(([path, title, at, left]) => ({ url: SHOP + path, title, referrer: '', at: ago(at), leftAt: left === null ? null : ago(left) }));
}

export function visitor(overrides: Partial<VisitorDto> & { id: string }): VisitorDto {
  return {
    siteId: 'site-1',
    name: 'Синий Кит · Москва',
    email: '',
    phone: '',
    notes: '',
    device: 'desktop',
    browser: 'Chrome 131',
    os: 'Windows 10',
    location: 'Москва, Россия',
    activity: 'active',
    page: { url: SHOP + '/', title: 'Ромашка — цветы с доставкой', referrer: '' },
    pages: pages(['/', 'Ромашка — цветы с доставкой', 3, null]),
    chatOpen: false,
    engaged: false,
    openDialogId: null,
    blocked: false,
    firstSeenAt: ago(3),
    lastSeenAt: ago(0),
    ...overrides,
  };
}

export const VISITORS: VisitorDto[] = [
  visitor({
    id: 'v-1',
    name: 'Мария Соколова',
    email: 'maria.sokolova@mail.ru',
    phone: '+7 916 555-12-34',
    notes: 'Заказ № 10482, доставка в пятницу',
    browser: 'Safari 18',
    os: 'macOS Sonoma',
    location: 'Санкт-Петербург, Россия',
    chatOpen: true,
    engaged: true,
    page: { url: SHOP + '/checkout', title: 'Оформление заказа', referrer: '' },
    pages: pages(
      ['/', 'Ромашка — цветы с доставкой', 24, 22],
      ['/catalog/roses', 'Розы — каталог', 22, 15],
      ['/catalog/roses/red-51', 'Букет из 51 красной розы', 15, 6],
      ['/checkout', 'Оформление заказа', 6, null],
    ),
    firstSeenAt: ago(60 * 24 * 12),
  }),
  visitor({ id: 'v-2', name: 'Весёлый Енот · Казань', location: 'Казань, Россия', device: 'mobile', browser: 'Chrome 131', os: 'Android 14', engaged: true, activity: 'hidden',
    page: { url: SHOP + '/delivery', title: 'Доставка и оплата', referrer: '' }, pages: pages(['/delivery', 'Доставка и оплата', 9, null]) }),
  visitor({ id: 'v-3', name: 'Тихий Лис · Новосибирск', location: 'Новосибирск, Россия', page: { url: SHOP + '/catalog/tulips', title: 'Тюльпаны — каталог', referrer: '' },
    pages: pages(['/', 'Ромашка — цветы с доставкой', 7, 5], ['/catalog/tulips', 'Тюльпаны — каталог', 5, null]) }),
  visitor({ id: 'v-4', name: 'Мудрый Филин · Екатеринбург', location: 'Екатеринбург, Россия', device: 'tablet', browser: 'Safari 17', os: 'iPadOS 17',
    page: { url: SHOP + '/sale', title: 'Скидки недели', referrer: '' }, pages: pages(['/sale', 'Скидки недели', 2, null]) }),
  visitor({ id: 'v-5', name: 'Смелый Бобр', location: '', browser: 'Firefox 133', os: 'Ubuntu', engaged: true, activity: 'left', lastSeenAt: ago(14),
    page: { url: SHOP + '/contacts', title: 'Контакты', referrer: '' }, pages: pages(['/contacts', 'Контакты', 20, 14]) }),
];

export function message(overrides: Partial<MessageDto> & { id: string }): MessageDto {
  return {
    dialogId: 'dlg-1',
    clientId: `c-${overrides.id}`,
    author: { kind: 'visitor', userId: null, name: 'Мария Соколова', avatarUrl: null },
    text: '',
    attachments: [],
    createdAt: ago(10),
    editedAt: null,
    ...overrides,
  };
}

export const operatorAuthor = (userId = ME, name = 'Анна Смирнова') => ({ kind: 'operator' as const, userId, name, avatarUrl: null });

/** A picture drawn on a canvas (a "photo of the bouquet"), as the signed URL of an uploaded image. */
export function pictureUrl(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 480;
  canvas.height = 320;
  const g = canvas.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, 320);
  sky.addColorStop(0, '#fde2e4');
  sky.addColorStop(1, '#fad2e1');
  g.fillStyle = sky;
  g.fillRect(0, 0, 480, 320);
  g.fillStyle = '#4d7c0f';
  g.fillRect(232, 170, 16, 150);
  for (const [x, y, r] of [[240, 140, 60], [180, 170, 44], [300, 170, 44], [210, 110, 40], [272, 110, 40]] as const) {
    g.beginPath();
    g.fillStyle = '#be123c';
    g.arc(x, y, r, 0, Math.PI * 2);
    g.fill();
    g.beginPath();
    g.fillStyle = '#e11d48';
    g.arc(x - r / 4, y - r / 4, r / 2, 0, Math.PI * 2);
    g.fill();
  }
  return canvas.toDataURL('image/png');
}

export function attachments(): { image: AttachmentDto; file: AttachmentDto } {
  return {
    image: { id: 'a-1', name: 'букет.png', mime: 'image/png', size: 184_320, url: pictureUrl(), isImage: true },
    file: { id: 'a-2', name: 'Счёт № 10482.pdf', mime: 'application/pdf', size: 96_512, url: 'https://romashka-shop.ru/files/invoice.pdf', isImage: false },
  };
}

export function conversation(): MessageDto[] {
  const { image, file } = attachments();
  return [
    message({ id: 'm-1', text: 'Здравствуйте! Хочу заказать букет из 51 розы на пятницу. Успеете доставить к 18:00?', createdAt: ago(9) }),
    message({ id: 'm-2', author: operatorAuthor(), text: 'Здравствуйте, Мария! Да, успеем. Доставка по Санкт-Петербургу — 350 ₽, а при заказе от 5000 ₽ бесплатно.', createdAt: ago(8) }),
    message({ id: 'm-3', author: operatorAuthor(), text: 'Вот так букет выглядит вживую:', attachments: [image], createdAt: ago(8), editedAt: ago(7) }),
    message({ id: 'm-4', text: 'Очень красиво 😍 Оформляю. Можно оплатить по счёту? Нужен для бухгалтерии: https://romashka-shop.ru/checkout', createdAt: ago(6) }),
    message({ id: 'm-5', author: { kind: 'system', userId: null, name: '', avatarUrl: null }, text: 'Иван Петров → Анна Смирнова', createdAt: ago(5) }),
    message({ id: 'm-6', author: operatorAuthor(), text: 'Конечно, счёт во вложении. Оплатить можно до четверга.', attachments: [file], createdAt: ago(4) }),
  ];
}

export function dialog(overrides: Partial<DialogDto> & { id: string }): DialogDto {
  return {
    siteId: 'site-1',
    visitorId: 'v-1',
    visitorName: 'Мария Соколова',
    status: 'open',
    initiator: 'visitor',
    assigneeId: ME,
    departmentId: null,
    important: false,
    leadClass: null,
    rating: null,
    lastMessage: null,
    createdAt: ago(30),
    closedAt: null,
    visitorReadAt: null,
    operatorReadAt: null,
    ...overrides,
  };
}

export function dialogs(): DialogDto[] {
  const talk = conversation();
  return [
    dialog({ id: 'dlg-1', lastMessage: talk.at(-1)!, important: true, leadClass: 'target' }),
    dialog({ id: 'dlg-2', visitorId: 'v-2', visitorName: 'Весёлый Енот · Казань', assigneeId: null,
      lastMessage: message({ id: 'm-21', dialogId: 'dlg-2', author: { kind: 'visitor', userId: null, name: 'Весёлый Енот · Казань', avatarUrl: null }, text: 'А у вас есть самовывоз с Лиговского?', createdAt: ago(2) }) }),
    dialog({ id: 'dlg-3', visitorId: 'v-5', visitorName: 'Смелый Бобр',
      lastMessage: message({ id: 'm-31', dialogId: 'dlg-3', author: operatorAuthor(), text: 'Спасибо за заказ! Курьер позвонит за час до доставки.', createdAt: ago(40) }) }),
    dialog({ id: 'dlg-4', visitorId: 'v-6', visitorName: 'Северный Олень · Мурманск', createdAt: ago(60 * 26),
      lastMessage: message({ id: 'm-41', dialogId: 'dlg-4', author: { kind: 'visitor', userId: null, name: 'Северный Олень · Мурманск', avatarUrl: null }, text: 'Подскажите, цветы приходят с открыткой?', createdAt: ago(60 * 26) }) }),
  ];
}

export const REPLIES: QuickReplyDto[] = [
  { id: 'r-1', text: 'Здравствуйте! Чем могу помочь?', uses: 42, createdAt: ago(60 * 24 * 30) },
  { id: 'r-2', text: 'Доставка по городу — 350 ₽, от 5000 ₽ — бесплатно.', uses: 17, createdAt: ago(60 * 24 * 20) },
  { id: 'r-3', text: 'Спасибо за заказ! Курьер позвонит за час до доставки.', uses: 25, createdAt: ago(60 * 24 * 10) },
];

export const TEMPLATES: TemplateDto[] = [
  { id: 't-1', name: 'Напоминание об оплате', text: 'Напоминаем: счёт по заказу нужно оплатить до четверга, иначе бронь букета снимается.', updatedAt: ago(600), authorId: 2 },
  { id: 't-2', name: 'Реквизиты', text: 'ООО «Ромашка», ИНН 7701234567, р/с 40702810900000012345 в ПАО «Банк».', updatedAt: ago(900), authorId: null },
];

/** Answers every list request the view makes on connect with the data above. */
export function serveChat(socket: FakeChatSocket, list: DialogDto[] = dialogs()): void {
  socket.respond('dialogs.counts', { mine: 3, common: 1, archive: 128, important: 1, blocked: 0 });
  socket.respond('dialogs.list', ({ section }) => ({ ok: true, data: section === 'mine' ? list : [] }));
  socket.respond('visitors.list', VISITORS);
  socket.respond('operators.list', OPERATORS);
  socket.respond('departments.list', DEPARTMENTS);
  socket.respond('replies.list', REPLIES);
  socket.respond('templates.list', TEMPLATES);
  socket.respond('preferences.get', DEFAULT_OPERATOR_PREFERENCES);
  socket.respond('sites.list', [{ id: 'site-1', name: 'Ромашка', notifications: { visitor: true, dialog: true, message: true } }]);
  socket.respond('dialog.open', ({ dialogId }) => {
    const found = list.find((d) => d.id === dialogId);
    if (!found) return { ok: false, error: { code: 'not_found', message: 'No such dialog' } };
    const messages = dialogId === 'dlg-1' ? conversation() : found.lastMessage ? [found.lastMessage] : [];
    return { ok: true, data: { dialog: found, visitor: VISITORS.find((v) => v.id === found.visitorId) ?? visitor({ id: found.visitorId, name: found.visitorName }), messages } };
  });
  socket.respond('operator.typing', null);
  socket.respond('messages.read', null);
}
