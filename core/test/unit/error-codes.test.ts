import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reasons } from '../../../plugins/chat/widget/reasons.js';
import { CHAT_ERROR_CODES, CHAT_VISITOR_ERROR_CODES, WIDGET_LOCAL_ERROR_CODES } from '../../../plugins/chat/shared/chat-error-codes.js';
import { BILLING_ERROR_CODES } from '../../../plugins/billing/shared/billing-error-codes.js';
import { GOALS_ERROR_CODES } from '../../../plugins/goals/shared/goals-error-codes.js';
import { CALLS_ERROR_CODES } from '../../../plugins/calls/shared/calls-error-codes.js';
import { COBROWSE_ERROR_CODES } from '../../../plugins/cobrowse/shared/cobrowse-error-codes.js';
import { CORE_ERROR_CODES, CORE_VISITOR_ERROR_CODES } from '../../src/http/error-codes.js';

/**
 * Item 4 of issue 9: every code the server can send is worded in Russian and English in the panel
 * and (the visitor's ones) in the widget. The codes are read from the server's source, so a new
 * `new HttpError(…, 'code', …)` or `{ code: 'code', message }` ack without a text fails here.
 */
const ROOT = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
    .map((f) => relative(ROOT, join(f.parentPath, f.name)));
}

/** The codes written in a file: `HttpError(status, 'code'` and `{ code: <expression with 'literals'>, message`. */
function codesIn(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = [...text.matchAll(/HttpError\(\s*\d+\s*,\s*'([^']+)'/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/\{\s*code:\s*([^,}]+),\s*message/g)) {
    found.push(...[...m[1]!.matchAll(/'([^']+)'/g)].map((l) => l[1]!));
  }
  // `custom` is zod's own issue code (ctx.addIssue), which becomes `validation_failed`.
  return found.filter((code) => code !== 'custom');
}

const serverCodes = (dirs: string[]) => new Set(dirs.flatMap(sources).flatMap(codesIn));

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

const json = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const panel = { ru: json('admin-ui/src/i18n/ru.json'), en: json('admin-ui/src/i18n/en.json') };
const chatPanel = { ru: json('plugins/chat/admin/i18n/ru.json'), en: json('plugins/chat/admin/i18n/en.json') };

/** The codes of `codes` that have no non-empty text at `prefix.<code>` in `tree`. */
function untranslated(tree: unknown, prefix: string, codes: readonly string[]): string[] {
  return codes.filter((code) => {
    const text = lookup(tree, `${prefix}.${code.replaceAll('.', '_')}`);
    return typeof text !== 'string' || !text.trim();
  });
}

describe('error codes: the server, the contract lists and the texts agree', () => {
  it('finds the codes in the server source (the scan itself works)', () => {
    const core = serverCodes(['core/src']);
    expect(core).toContain('invalid_credentials');
    expect(core).toContain('content_store_unavailable');
    expect(core).toContain('conflict');
    expect(serverCodes(['plugins/chat/server'])).toContain('edit_window_over');
  });

  it('lists every code the core sends in CORE_ERROR_CODES', () => {
    const listed = new Set<string>(CORE_ERROR_CODES);
    expect([...serverCodes(['core/src'])].filter((c) => !listed.has(c))).toEqual([]);
  });

  it('lists every code the chat plugin sends in CHAT_ERROR_CODES or the core list', () => {
    const listed = new Set<string>([...CORE_ERROR_CODES, ...CHAT_ERROR_CODES]);
    expect([...serverCodes(['plugins/chat/server'])].filter((c) => !listed.has(c))).toEqual([]);
  });

  it('lists every code the goals plugin sends in GOALS_ERROR_CODES (with its words) or the core list', () => {
    const listed = new Set<string>([...CORE_ERROR_CODES, ...Object.keys(GOALS_ERROR_CODES)]);
    expect(serverCodes(['plugins/goals/server'])).toContain('unknown_goal');
    expect([...serverCodes(['plugins/goals/server'])].filter((c) => !listed.has(c))).toEqual([]);
    const words = Object.values(GOALS_ERROR_CODES);
    expect(words.filter((w) => !/[а-яё]/i.test(w.ru) || !w.en.trim())).toEqual([]);
  });

  it('lists every code the billing plugin sends in BILLING_ERROR_CODES (with its words) or the core list', () => {
    const listed = new Set<string>([...CORE_ERROR_CODES, ...Object.keys(BILLING_ERROR_CODES)]);
    expect(serverCodes(['plugins/billing/server'])).toContain('payer_type_fixed');
    expect([...serverCodes(['plugins/billing/server'])].filter((c) => !listed.has(c))).toEqual([]);
    const words = Object.values(BILLING_ERROR_CODES);
    expect(words.filter((w) => !/[а-яё]/i.test(w.ru) || !w.en.trim())).toEqual([]);
  });

  it('lists every code the calls plugin sends in CALLS_ERROR_CODES (with its words) or the core list', () => {
    const listed = new Set<string>([...CORE_ERROR_CODES, ...Object.keys(CALLS_ERROR_CODES)]);
    expect(serverCodes(['plugins/calls/server'])).toContain('leg_not_yours');
    expect([...serverCodes(['plugins/calls/server'])].filter((c) => !listed.has(c))).toEqual([]);
    const words = Object.values(CALLS_ERROR_CODES);
    expect(words.filter((w) => !/[а-яё]/i.test(w.ru) || !w.en.trim())).toEqual([]);
  });

  it('lists every code the co-browsing plugin sends in COBROWSE_ERROR_CODES (with its words) or the core list', () => {
    const listed = new Set<string>([...CORE_ERROR_CODES, ...Object.keys(COBROWSE_ERROR_CODES)]);
    expect(serverCodes(['plugins/cobrowse/server'])).toContain('cobrowse_frame_too_large');
    expect([...serverCodes(['plugins/cobrowse/server'])].filter((c) => !listed.has(c))).toEqual([]);
    const words = Object.values(COBROWSE_ERROR_CODES);
    expect(words.filter((w) => !/[а-яё]/i.test(w.ru) || !w.en.trim())).toEqual([]);
  });

  it('lists no code twice', () => {
    expect(new Set(CORE_ERROR_CODES).size).toBe(CORE_ERROR_CODES.length);
    expect(new Set(CHAT_ERROR_CODES).size).toBe(CHAT_ERROR_CODES.length);
  });

  for (const locale of ['ru', 'en'] as const) {
    it(`panel (${locale}): every core code has a text at errors.codes.*`, () => {
      expect(untranslated(panel[locale], 'errors.codes', CORE_ERROR_CODES)).toEqual([]);
    });

    it(`panel (${locale}): every chat code has a text at chat.errors.codes.*`, () => {
      expect(untranslated(chatPanel[locale], 'chat.errors.codes', CHAT_ERROR_CODES)).toEqual([]);
    });

    it(`widget (${locale}): every code a visitor can get has a reason`, () => {
      const visitorCodes = [...CORE_VISITOR_ERROR_CODES, ...CHAT_VISITOR_ERROR_CODES, ...WIDGET_LOCAL_ERROR_CODES];
      const words = reasons[locale] as Readonly<Record<string, string | undefined>>;
      expect(visitorCodes.filter((code) => !words[code]?.trim())).toEqual([]);
    });
  }

  it('the Russian texts are Russian (no English copied over)', () => {
    const ruTexts = [
      ...CORE_ERROR_CODES.map((c) => lookup(panel.ru, `errors.codes.${c.replaceAll('.', '_')}`)),
      ...CHAT_ERROR_CODES.map((c) => lookup(chatPanel.ru, `chat.errors.codes.${c}`)),
      ...Object.values(reasons.ru),
    ];
    expect(ruTexts.filter((t) => typeof t !== 'string' || !/[а-яё]/i.test(t))).toEqual([]);
  });
});
