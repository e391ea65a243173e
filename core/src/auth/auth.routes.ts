import { Router } from 'express';
import { z } from 'zod';
import { HttpError, parseOrThrow } from '../http/http-error.js';
import { byIp, type RateLimits } from '../http/rate-limit.js';
import type { AuthService } from './auth.service.js';

export const emailField = z.email('Enter a valid e-mail address').max(254).transform((e) => e.toLowerCase());
export const passwordField = z
  .string()
  .min(8, 'The password must be at least 8 characters long')
  // bcrypt (the CMS's hash) reads 72 bytes; a longer password would be only partly checked.
  .refine((p) => Buffer.byteLength(p) <= 72, 'The password is too long (at most 72 bytes)');
const tokenField = z.string().min(10).max(200);

const loginBody = z.object({ email: emailField, password: z.string().min(1, 'Enter the password').max(200) });
const refreshBody = z.object({ refreshToken: tokenField });
const forgotBody = z.object({ email: emailField });
const resetBody = z.object({ token: tokenField, password: passwordField });

/** /api/auth: sign in, refresh, sign out, forgot and reset password (A1). */
export function authRoutes(auth: AuthService, limits: RateLimits): Router {
  const router = Router();
  // Guessing passwords is slowed per address and account, and per account from any address; only
  // wrong passwords count, so an operator signing in again and again (tabs, devices) is never locked out.
  const clientFailures = limits.failures('auth-login', 10, 15 * 60);
  const ipLimit = limits.http('auth-ip', 100, 15 * 60, byIp);
  const mailLimit = limits.http('auth-mail', 5, 15 * 60, byIp);
  // One account guessed from many addresses: its wrong passwords are counted whatever the address.
  const accountFailures = limits.failures('auth-account', 30, 15 * 60);

  router.post('/login', ipLimit, async (req, res) => {
    const { email, password } = parseOrThrow(loginBody, req.body);
    const client = `${byIp(req)}|${email.toLowerCase()}`;
    await clientFailures.check(client, res);
    await accountFailures.check(email.toLowerCase(), res);
    try {
      res.json(await auth.login(email, password));
    } catch (err) {
      if (err instanceof HttpError && err.code === 'invalid_credentials') await Promise.all([clientFailures.fail(client), accountFailures.fail(email.toLowerCase())]);
      throw err;
    }
  });
  router.post('/refresh', ipLimit, async (req, res) => {
    res.json(await auth.refresh(parseOrThrow(refreshBody, req.body).refreshToken));
  });
  router.post('/logout', async (req, res) => {
    await auth.logout(parseOrThrow(refreshBody, req.body).refreshToken);
    res.status(204).end();
  });
  router.post('/forgot-password', mailLimit, async (req, res) => {
    await auth.forgotPassword(parseOrThrow(forgotBody, req.body).email);
    res.status(202).json({ ok: true });
  });
  router.post('/reset-password', ipLimit, async (req, res) => {
    const { token, password } = parseOrThrow(resetBody, req.body);
    await auth.resetPassword(token, password);
    res.status(204).end();
  });
  return router;
}
