import { CHAT_LIMITS } from '../shared/chat.protocol.js';

export interface OfflineFields {
  name: string;
  email: string;
  phone: string;
  text: string;
}

export type FieldProblem = 'required' | 'email' | 'phone' | 'tooLong';
export type OfflineProblems = Partial<Record<keyof OfflineFields, FieldProblem>>;

export const FIELD_MAX = { name: 100, email: 254, phone: 32, text: CHAT_LIMITS.messageLength } as const;

const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** The offline form's checks (H6); the server checks again. Values are trimmed by the caller. */
export function validateOffline(f: OfflineFields): OfflineProblems {
  const problems: OfflineProblems = {};
  for (const key of ['name', 'email', 'phone', 'text'] as const) {
    if (f[key].length > FIELD_MAX[key]) problems[key] = 'tooLong';
  }
  if (!f.name) problems.name = 'required';
  if (!f.email) problems.email = 'required';
  else if (!problems.email && !EMAIL_RE.test(f.email)) problems.email = 'email';
  if (f.phone && !problems.phone) {
    const digits = f.phone.replace(/\D/g, '').length;
    if (!/^\+?[\d\s().-]+$/.test(f.phone) || digits < 5 || digits > 15) problems.phone = 'phone';
  }
  if (!f.text) problems.text = 'required';
  return problems;
}
