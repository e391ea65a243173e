import { describe, expect, it } from 'vitest';
import { DEFAULT_COLORS, DEFAULT_DESIGN, LOGO_RULES, contrastWarnings } from '../../../../../widget/src/design';
import { DESIGN_THEMES } from '../../../../../widget/src/design-themes';
import { clampPosition, clampScale, invalidColors, logoProblem, normalizeHex, overlongCaptions, previewable } from './design-rules';
import { isPreviewSrc, parsePreviewMessage } from './preview-protocol';

describe('ready-made themes', () => {
  it('are 6–8 distinct, named in both languages, valid and readable (WCAG AA)', () => {
    expect(DESIGN_THEMES.length).toBeGreaterThanOrEqual(6);
    expect(DESIGN_THEMES.length).toBeLessThanOrEqual(8);
    expect(new Set(DESIGN_THEMES.map((t) => t.id)).size).toBe(DESIGN_THEMES.length);
    for (const theme of DESIGN_THEMES) {
      expect(theme.name.ru && theme.name.en, theme.id).toBeTruthy();
      expect(invalidColors(theme.colors), theme.id).toEqual([]);
      expect(contrastWarnings(theme.colors), theme.id).toEqual([]);
    }
  });
});

describe('design rules', () => {
  it('tells which colours are not #RRGGBB', () => {
    expect(invalidColors(DEFAULT_COLORS)).toEqual([]);
    expect(invalidColors({ ...DEFAULT_COLORS, shell: '#GGG', outgoingText: '#ffffff0' })).toEqual(['shell', 'outgoingText']);
  });

  it('normalises what people type into #rrggbb, or refuses it', () => {
    expect(normalizeHex(' ABC123 ')).toBe('#abc123');
    expect(normalizeHex('#0F766E')).toBe('#0f766e');
    for (const bad of ['#GGG', '#fff', 'red', '##abcdef', '']) expect(normalizeHex(bad), bad).toBeNull();
  });

  it('keeps the preview on the last good colour while one is half-typed', () => {
    const shown = previewable({ ...DEFAULT_DESIGN, colors: { ...DEFAULT_COLORS, shell: '#12', launcher: '#047857' } }, DEFAULT_COLORS);
    expect(shown.colors.shell).toBe(DEFAULT_COLORS.shell);
    expect(shown.colors.launcher).toBe('#047857');
    expect(invalidColors(shown.colors)).toEqual([]);
  });

  it('finds captions over their limit in either language', () => {
    const long = 'я'.repeat(61);
    expect(overlongCaptions(DEFAULT_DESIGN.captions)).toEqual([]);
    expect(overlongCaptions({ ...DEFAULT_DESIGN.captions, en: { ...DEFAULT_DESIGN.captions.en, chatTitle: long } })).toEqual(['en.chatTitle']);
  });

  it('pre-checks a logo by type, extension and size', () => {
    const file = (name: string, type: string, bytes: number) => new File([new Uint8Array(bytes)], name, { type });
    expect(logoProblem(file('logo.png', 'image/png', 5000))).toBeNull();
    expect(logoProblem(file('logo.JPG', 'image/jpeg', 5000))).toBeNull();
    expect(logoProblem(file('logo.pdf', 'application/pdf', 5000))).toBe('type');
    expect(logoProblem(file('logo.png', 'application/pdf', 5000))).toBe('type');
    expect(logoProblem(file('logo.gif', 'image/gif', 5000))).toBe('type');
    expect(logoProblem(file('logo.png', 'image/png', 0))).toBe('empty');
    expect(logoProblem(file('logo.png', 'image/png', LOGO_RULES.maxBytes + 1))).toBe('size');
    expect(logoProblem(file('logo.png', 'image/png', 6 * 1024 * 1024))).toBe('size');
  });

  it('keeps scale and position inside the contract', () => {
    expect(clampScale(5)).toBe(LOGO_RULES.maxScale);
    expect(clampScale(0.1)).toBe(LOGO_RULES.minScale);
    expect(clampScale(1.234)).toBe(1.25);
    expect(clampScale(Number.NaN)).toBe(1);
    expect(clampPosition({ x: -1, y: 1.7 })).toEqual({ x: 0, y: 1 });
    expect(clampPosition({ x: 0.12345, y: Number.NaN })).toEqual({ x: 0.123, y: 0.5 });
  });
});

describe('preview protocol', () => {
  it('accepts only well-formed preview messages', () => {
    expect(parsePreviewMessage({ type: 'callpy:preview.ready' })).toEqual({ type: 'callpy:preview.ready' });
    expect(parsePreviewMessage({ type: 'callpy:preview.position', position: { x: 0.2, y: 1 } })).toEqual({ type: 'callpy:preview.position', position: { x: 0.2, y: 1 } });
    expect(parsePreviewMessage({ type: 'callpy:preview.position', position: { x: 2, y: 0 } })).toBeNull();
    expect(parsePreviewMessage({ type: 'callpy:preview.position', position: { x: '0.2', y: 0 } })).toBeNull();
    expect(parsePreviewMessage({ type: 'callpy:preview.error', message: 42 })).toEqual({ type: 'callpy:preview.error', message: '' });
    expect(parsePreviewMessage({ type: 'something' })).toBeNull();
    expect(parsePreviewMessage('callpy:preview.ready')).toBeNull();
    expect(parsePreviewMessage(null)).toBeNull();
  });

  it('trusts only the core preview page on this origin as the frame source', () => {
    const origin = 'https://panel.example';
    expect(isPreviewSrc('/widget/preview?page=abc', origin)).toBe(true);
    expect(isPreviewSrc('https://panel.example/widget/preview', origin)).toBe(true);
    expect(isPreviewSrc('https://evil.example/widget/preview', origin)).toBe(false);
    expect(isPreviewSrc('//evil.example/widget/preview', origin)).toBe(false);
    expect(isPreviewSrc('javascript:alert(1)', origin)).toBe(false);
    expect(isPreviewSrc('/api/sites', origin)).toBe(false);
  });

});
