import type { ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import { ChatRequestError, chatErrorText } from './chat-errors';

/** What the management forms (C11, C12) say under a field: a translation key and its parameters. */
export interface FieldProblem {
  key: string;
  params?: Record<string, unknown>;
  /** Shown while typing (a clash with another entry), not only once the form was submitted. */
  live?: boolean;
}

/**
 * What the server would refuse in a text field, said before sending: empty (after trimming, as the
 * server trims), longer than `max`, or the same as another entry's (`takenKey` given: it is).
 */
export function textProblem(text: string, max: number, emptyKey: string, takenKey: string | null = null): FieldProblem | null {
  const value = text.trim();
  if (!value) return { key: emptyKey };
  if (value.length > max) return { key: 'validation.maxLength', params: { max } };
  return takenKey ? { key: takenKey, live: true } : null;
}

/**
 * A refusal the form words itself (`known`: codes the checks above cannot always see first, e.g.
 * a colleague took the name a moment ago), or else the server's own words.
 */
export function refusalText(err: unknown, known: Readonly<Record<string, string>>): ErrorText {
  const key = err instanceof ChatRequestError ? known[err.code] : undefined;
  return key ? { key } : chatErrorText(err);
}
