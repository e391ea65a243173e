import type { CallLine } from '../shared/calls.protocol.js';

type Locale = 'ru' | 'en';

/** "2:15", "1:02:03": a call's length as people read it. */
export function duration(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/**
 * The line a call leaves in the dialog (kind `calls.call`), as the visitor reads it: in the
 * widget's first stage, so it stays a few words. From the visitor's side, an operator's call they
 * did not take is the one they missed; their own call nobody took went unanswered.
 */
const WORDS: Record<Locale, Record<CallLine['outcome'], string>> = {
  ru: { answered: 'Звонок', declined: 'Звонок отклонён', timeout: 'Пропущенный звонок', missed: 'Звонок без ответа', cancelled: 'Звонок отменён' },
  en: { answered: 'Call', declined: 'Call declined', timeout: 'Missed call', missed: 'Unanswered call', cancelled: 'Call cancelled' },
};

/** The line's text, or null for a payload that is not a call line (the chat shows the message's own text then). */
export function callLineText(payload: unknown, locale: Locale): string | null {
  const line = payload as Partial<CallLine> | null;
  const word = line && typeof line === 'object' && typeof line.outcome === 'string' && Object.hasOwn(WORDS[locale], line.outcome) ? WORDS[locale][line.outcome] : undefined;
  if (!word) return null;
  return line!.outcome === 'answered' && typeof line!.durationSec === 'number' ? `${word}, ${duration(line!.durationSec)}` : word;
}

/**
 * A recording's message (kind `calls.recording`), as the visitor reads it: the visitor saw the
 * notice during the call and is told a recording was kept; the recording itself is for the
 * site's operators only (its download needs their sign-in).
 */
export const recordingLineText = (locale: Locale): string => (locale === 'en' ? 'The call was recorded' : 'Звонок записан');
