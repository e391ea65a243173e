import { z } from 'zod';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { isBlankText } from '../shared/blank-text.js';

const shortText = (max: number) => z.string().trim().max(max);

/** The visitor card's editable fields (C4), as operators and other plugins change them. */
export const visitorFields = z.object({
  name: shortText(100).min(1).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  phone: shortText(40).optional(),
  notes: shortText(5000).optional(),
});

/** A message's text, trimmed; one of invisible characters only (zero-width spaces…) is empty. */
export const messageText = z
  .string()
  .trim()
  .overwrite((t) => (isBlankText(t) ? '' : t))
  .max(CHAT_LIMITS.messageLength, `At most ${CHAT_LIMITS.messageLength} characters`);
