import { Router } from 'express';
import { z } from 'zod';
import type { AccessTokens } from '../auth/access-token.js';
import { emailField } from '../auth/auth.routes.js';
import type { ContentStore } from '../content/content-store.js';
import { parseOrThrow } from '../http/http-error.js';
import { siteUrl } from '../sites/site-settings.schema.js';
import type { ClientsService } from './clients.service.js';
import { currentStaff, requireStaff } from './staff.guard.js';

// What the panel's picker offers (Intl.supportedValuesOf) is what the server accepts.
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const newClientBody = z.strictObject({
  name: z.string('Enter the client\'s name').trim().min(1, 'Enter the client\'s name').max(100, 'At most 100 characters'),
  timezone: z.string('Choose a time zone').refine((v) => TIME_ZONES.has(v), 'Choose a time zone from the list'),
  language: z.enum(['ru', 'en'], 'The language is ru (Russian) or en (English)'),
  siteUrl,
  adminEmail: emailField,
});
const switchBody = z.strictObject({ enabled: z.boolean('"enabled" is true or false') });
// Strapi documentIds are lower-case letters and digits; plugin ids are kebab-case.
export const clientId = z.string().regex(/^[a-z0-9]{1,64}$/, 'No such client');
const pluginId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'No such plugin');

/** /api/agency (agency staff only): the agency's clients, a new client, plugins per client (A7). */
export function clientsRoutes(clients: ClientsService, accessTokens: AccessTokens, content: ContentStore): Router {
  const router = Router();
  router.use(requireStaff(accessTokens, content));
  const agencyOf = (locals: Express.Locals) => currentStaff(locals).agencyId;
  router.get('/clients', async (_req, res) => {
    res.json(await clients.list(agencyOf(res.locals)));
  });
  router.post('/clients', async (req, res) => {
    res.status(201).json(await clients.create(agencyOf(res.locals), parseOrThrow(newClientBody, req.body)));
  });
  router.get('/plugins', (_req, res) => {
    res.json(clients.installed());
  });
  router.get('/clients/:id/plugins', (req, res) => {
    res.json(clients.plugins(agencyOf(res.locals), parseOrThrow(clientId, req.params.id)));
  });
  router.put('/clients/:id/plugins/:pluginId', async (req, res) => {
    const account = parseOrThrow(clientId, req.params.id);
    const plugin = parseOrThrow(pluginId, req.params.pluginId);
    const { enabled } = parseOrThrow(switchBody, req.body);
    res.json(await clients.setPlugin(agencyOf(res.locals), account, plugin, enabled));
  });
  return router;
}
