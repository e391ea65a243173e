import { expect, test } from '@playwright/test';
import { stack } from './support/stack.js';

/** Issue 9, item 4: a server refusal is worded by its code in the panel's language, not in the server's English. */
test('a wrong password on the Russian sign-in page is refused in Russian, and in English after switching', async ({ page }) => {
  const { coreUrl, admin } = stack();
  await page.goto(`${coreUrl}/login`);
  await page.getByTestId('lang-ru').click();
  await page.getByTestId('login-email').fill(admin.email);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  const alert = page.getByTestId('login-error');
  await expect(alert).toHaveText('Неверный e-mail или пароль.');

  await page.getByTestId('lang-en').click();
  await page.getByTestId('login-submit').click();
  await expect(alert).toHaveText('Wrong e-mail or password.');
});
