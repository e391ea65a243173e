import { z } from 'zod';
import { DEFAULT_PLAN_SET, planSetSchema } from './billing.schemas.js';

/** plugins.config.ts: `billing: { options: { … } }`. */
export const billingOptions = z.object({
  /** An agency's plans until its staff save their own (GET/PUT /api/billing/agency/plans). */
  defaults: planSetSchema.default(DEFAULT_PLAN_SET),
  /**
   * Online payment for persons through a YooKassa-style API; without it a person cannot pay
   * online (companies still get invoices). The secret key is the shop's API key.
   */
  payments: z
    .object({
      apiUrl: z.url().default('https://api.yookassa.ru/v3'),
      shopId: z.string().min(1),
      secretKey: z.string().min(1),
      /** Where the provider sends the payer back; the panel's «Оплата» page when absent. */
      returnUrl: z.url().optional(),
    })
    .optional(),
  /** A TTF with Cyrillic for invoices (Debian's fonts-dejavu-core, installed by npm start). */
  fontFile: z.string().default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  boldFontFile: z.string().default('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'),
});
