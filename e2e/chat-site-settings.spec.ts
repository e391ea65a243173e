import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ChatSiteSettings } from '../plugins/chat/shared/chat-site-settings.js';
import { apiAs } from './support/api.js';
import { panelAs, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

fs.mkdirSync(screenshotDir, { recursive: true });

/**
 * H6 and C20 as the chat plugin's own site settings (issue 10): the admin finds them on the tab
 * «Чат» under Sites → Settings (the chat's panel manifest), not on the core's page; a bad address
 * is refused before saving, and what is saved is the chat's plugin setting.
 */
test('the chat tab of a site’s settings edits the offline form’s addresses and the notifications', async ({ browser }) => {
  const { coreUrl, admin } = stack();
  const api = await apiAs(admin);
  const site = await api.call<{ id: string }>('POST', '/api/sites', { name: 'Магазин с чатом', url: 'https://chat-tab-shop.example' });
  let panel: Panel | undefined;
  try {
    panel = await panelAs(browser, admin);
    const page = panel.page;
    await page.goto(`${coreUrl}/sites/${site.id}/settings`);
    await expect(page.getByTestId('site-settings-form')).toBeVisible();
    // The core's page no longer has the chat's fields.
    await expect(page.getByTestId('site-settings-offline-emails')).toHaveCount(0);
    await page.getByTestId('site-settings-tab-chat-chat').click();
    await expect(page).toHaveURL(new RegExp(`/sites/${site.id}/settings/chat/chat$`));
    await expect(page.getByTestId('site-settings-tab-chat-chat')).toHaveText('Чат');

    await page.getByTestId('chat-settings-offline-emails').fill('sales@chat-tab-shop.example, bob@');
    await page.getByTestId('chat-settings-save').click();
    await expect(page.getByTestId('chat-settings-error-offlineEmails')).toContainText('Проверьте адрес «bob@»');
    await page.getByTestId('chat-settings-offline-emails').fill('sales@chat-tab-shop.example, boss@chat-tab-shop.example');
    await page.getByTestId('chat-settings-notify-visitor').click();
    await page.getByTestId('chat-settings-save').click();
    await expect(page.getByTestId('chat-settings-saved')).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'panel-site-settings-chat.png'), fullPage: true });

    const { value } = await api.call<{ value: ChatSiteSettings }>('GET', `/api/plugins/chat/settings/sites/${site.id}`);
    expect(value).toEqual({
      offlineForm: { enabled: true, emails: ['sales@chat-tab-shop.example', 'boss@chat-tab-shop.example'] },
      notifications: { visitor: false, dialog: true, message: true },
    });
    await page.reload();
    await expect(page.getByTestId('chat-settings-offline-emails')).toHaveValue('sales@chat-tab-shop.example, boss@chat-tab-shop.example');
    await expect(page.getByTestId('chat-settings-notify-visitor')).not.toBeChecked();
  } finally {
    await panel?.context.close();
    await api.call('DELETE', `/api/sites/${site.id}`).catch(() => undefined);
  }
});
