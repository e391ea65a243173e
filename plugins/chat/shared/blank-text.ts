/**
 * Characters that show nothing: whitespace, the format characters (zero-width space and joiners
 * U+200B–U+200D, word joiner U+2060, BOM U+FEFF, bidi marks, soft hyphen…) and the blank
 * "letters" (Hangul fillers, braille blank, combining grapheme joiner) that pass for text.
 */
const NOTHING_VISIBLE = /^[\s\p{Cf}\u034F\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** True when a text would show as an empty message; such a text counts as empty. */
export const isBlankText = (text: string): boolean => NOTHING_VISIBLE.test(text);
