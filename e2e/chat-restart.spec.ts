import { expect, test } from '@playwright/test';
import { installCode } from '../core/src/sites/install-code.js';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { DialogDto, MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import type { CoreProcess } from './support/core-process.js';
import { startPageServer } from './support/page-server.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { startSiteCore } from './support/site-core.js';
import { stack } from './support/stack.js';

/**
 * The core dies in the middle of a conversation (SIGKILL: no graceful goodbye) and comes back on the
 * same port and database. The real widget and the real panel reconnect by themselves; what either
 * side sent while the core was away is resent from its outbox, and every message is stored once.
 */
test('a core restart mid-conversation loses nothing and stores nothing twice', async ({ browser }) => {
  test.setTimeout(150_000);
  const { demoSite, operator } = stack();
  const shop = await startPageServer();
  let core: CoreProcess | undefined;
  let panel: Panel | undefined;
  const visitorContext = await browser.newContext();
  try {
    const started = await startSiteCore({ name: 'restartable core', file: 'restart-core', siteUrl: shop.url, siteName: 'Restart shop' });
    core = started.core;
    shop.setBody(`<!doctype html><html><head><title>Restart shop</title></head><body><h1>Restart shop</h1>${installCode(core.url, started.publicKey).afterBody}</body></html>`);

    panel = await openChatPanel(browser, core.url, operator);
    const op = panel.page;
    const visitor = await visitorContext.newPage();
    await visitor.goto(shop.url);
    await visitor.getByTestId('cp-launcher').click();
    await visitor.getByTestId('cp-input').fill('Before the restart');
    await visitor.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-section-mine').click();
    await op.getByTestId('chat-dialog-item').filter({ hasText: 'Before the restart' }).click();
    await op.getByTestId('chat-input').fill('Acknowledged before');
    await op.getByTestId('chat-input').press('Control+Enter');
    await expect(op.getByTestId('chat-message').filter({ hasText: 'Acknowledged before' })).toHaveAttribute('data-state', /^(sent|read)$/);
    await expect(visitor.getByTestId('cp-messages')).toContainText('Acknowledged before');

    await core.kill();

    // Both sides write while nobody can acknowledge.
    await visitor.getByTestId('cp-input').fill('Sent while the server was down');
    await visitor.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-input').fill('Operator wrote during the outage');
    await op.getByTestId('chat-input').press('Control+Enter');
    await expect(op.getByTestId('chat-disconnected')).toBeVisible();
    // Not acknowledged within 5 s: the panel marks it (C8) and keeps it for the reconnect.
    await expect(op.getByTestId('chat-message').filter({ hasText: 'during the outage' })).toHaveAttribute('data-state', 'error', { timeout: 10_000 });

    await core.restart();

    // Reconnected by themselves: each side gets the other's outage message, once.
    await expect(op.getByTestId('chat-messages')).toContainText('Sent while the server was down', { timeout: 30_000 });
    await expect(visitor.getByTestId('cp-messages')).toContainText('Operator wrote during the outage', { timeout: 30_000 });
    await expect(op.getByTestId('chat-message').filter({ hasText: 'during the outage' })).toHaveAttribute('data-state', /^(sent|read)$/, { timeout: 15_000 });
    await expect(op.getByTestId('chat-disconnected')).toBeHidden();

    // The store has every message exactly once.
    const login = (await (await fetch(`${core.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
    const reader = await connectChat(core.url, login.accessToken, core.url);
    try {
      const mine = await reader.call<DialogDto[]>('dialogs.list', { section: 'mine' });
      const dialog = mine.find((d) => d.siteId !== demoSite.id && d.lastMessage !== null);
      expect(dialog).toBeDefined();
      const { messages } = await reader.call<{ messages: MessageDto[] }>('dialog.open', { dialogId: dialog!.id });
      const texts = messages.filter((m) => m.author.kind !== 'system').map((m) => m.text);
      expect(texts.sort()).toEqual(['Acknowledged before', 'Before the restart', 'Operator wrote during the outage', 'Sent while the server was down'].sort());
    } finally {
      reader.close();
    }
    // And each side shows each message once.
    await expect(visitor.getByTestId('cp-messages').getByText('Operator wrote during the outage')).toHaveCount(1);
    await expect(op.getByTestId('chat-message').filter({ hasText: 'Sent while the server was down' })).toHaveCount(1);
    expect(panel.errors).toEqual([]);
  } finally {
    await closeChatPanel(panel);
    await visitorContext.close();
    await core?.stop();
    await shop.close();
  }
});
