import { describe, expect, it } from 'vitest';
import { dict } from '../../plugins/chat/widget/i18n.js';
import { designVars, placeLauncher, placeOnEdge, placeSidePanel, placeWindow, shade, withCaptions } from '../../plugins/chat/widget/look.js';
import { sampleState } from '../../plugins/chat/widget/preview-sample.js';
import { BUILT_IN_CAPTIONS } from '../src/built-in-captions.js';
import { sanitizeDesign } from '../src/design-input.js';
import { DEFAULT_DESIGN, type WidgetCaptions } from '../src/design.js';

/** B3–B8 in the widget without a browser: where things go on any screen, captions over the built-in words, designs from outside. */

const none: WidgetCaptions = DEFAULT_DESIGN.captions.ru;

describe('launcher placement (B5)', () => {
  it('puts the default bottom-right launcher 20 px from the corner on a desktop (snapped to the margin)', () => {
    expect(placeLauncher(DEFAULT_DESIGN.position, 60, 60, 1280, 720)).toEqual({ left: 1200, top: 640, width: 60, height: 60 });
    // The offline tab, wider, sits in the same corner.
    expect(placeLauncher(DEFAULT_DESIGN.position, 220, 48, 1280, 720)).toMatchObject({ left: 1040, top: 652 });
  });

  it('keeps the launcher inside the viewport on every screen size, with a smaller margin on phones', () => {
    for (const [W, H] of [[1920, 1080], [1280, 720], [768, 1024], [390, 844], [320, 480]] as const) {
      for (const position of [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 0.5, y: 0.5 }, { x: 0.1, y: 0.9 }]) {
        const box = placeLauncher(position, 60, 60, W, H);
        const m = W <= 480 ? 16 : 20;
        expect(box.left, `${W}×${H} ${JSON.stringify(position)}`).toBeGreaterThanOrEqual(m);
        expect(box.top).toBeGreaterThanOrEqual(m);
        expect(box.left + 60).toBeLessThanOrEqual(W - m);
        expect(box.top + 60).toBeLessThanOrEqual(H - m);
      }
    }
  });

  it('keeps a position in the middle where it is (no snapping far from the edges)', () => {
    expect(placeLauncher({ x: 0.5, y: 0.25 }, 60, 60, 1000, 800)).toMatchObject({ left: 470, top: 170 });
  });

  it('Side: the tab is flush with the nearer edge, at the position\'s height, inside the viewport', () => {
    expect(placeOnEdge({ x: 0.9, y: 0.5 }, 46, 150, 1280, 800)).toMatchObject({ left: 1234, top: 325 });
    expect(placeOnEdge({ x: 0.2, y: 0.99 }, 46, 150, 1280, 800)).toMatchObject({ left: 0, top: 630 });
    expect(placeSidePanel({ left: 0, top: 300, width: 46, height: 150 }, 380, 1280, 800)).toEqual({ left: 0, top: 0, width: 380, height: 800 });
    expect(placeSidePanel({ left: 1234, top: 300, width: 46, height: 150 }, 380, 1280, 800)).toEqual({ left: 900, top: 0, width: 380, height: 800 });
  });
});

describe('window placement', () => {
  it('opens above a bottom-right launcher, aligned on its right edge (as before designs existed)', () => {
    const launcher = placeLauncher(DEFAULT_DESIGN.position, 60, 60, 1280, 720);
    expect(placeWindow(launcher, 360, 520, 1280, 720)).toEqual({ left: 900, top: 108, width: 360, height: 520 });
  });

  it('opens below a top-left launcher, and shrinks to the room there is', () => {
    const launcher = placeLauncher({ x: 0, y: 0 }, 60, 60, 1280, 600);
    const win = placeWindow(launcher, 360, 520, 1280, 600);
    expect(win).toMatchObject({ left: 20, top: 92, width: 360 });
    expect(win.top + win.height).toBeLessThanOrEqual(600 - 8);
  });

  it('opens beside a launcher half-way up a side when neither above nor below has the room', () => {
    const launcher = placeLauncher({ x: 0, y: 0.5 }, 60, 60, 1280, 600);
    const win = placeWindow(launcher, 360, 520, 1280, 600);
    expect(win.left).toBe(launcher.left + 60 + 12);
    expect(win.top).toBeGreaterThanOrEqual(8);
    expect(win.top + win.height).toBeLessThanOrEqual(592);
  });

  it('never leaves the viewport, however small', () => {
    for (const [W, H] of [[320, 480], [500, 400], [1280, 300]] as const) {
      for (const position of [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 0.5, y: 0.5 }]) {
        const win = placeWindow(placeLauncher(position, 60, 60, W, H), 360, 520, W, H);
        expect(win.left).toBeGreaterThanOrEqual(8);
        expect(win.left + win.width).toBeLessThanOrEqual(W - 8);
        expect(win.top).toBeGreaterThanOrEqual(8);
        expect(win.top + win.height).toBeLessThanOrEqual(H - 8);
      }
    }
  });
});

describe('captions (B8)', () => {
  it('keeps the built-in words where the site set nothing', () => {
    const t = withCaptions(dict('ru'), none);
    expect(t.welcome).toBe(dict('ru').welcome);
    expect(t.placeholder).toBe('Напишите сообщение…');
    expect(t.offlineTab).toBe('Оставьте сообщение');
    expect(t.title).toBe('');
    expect(t.offlineThanks).toBe('Сообщение отправлено. Мы ответим на ваш e-mail.');
  });

  it('takes each empty caption\'s wording from BUILT_IN_CAPTIONS, which the panel shows as the default', () => {
    for (const lang of ['ru', 'en'] as const) {
      const t = withCaptions(dict(lang), none);
      const b = BUILT_IN_CAPTIONS[lang];
      expect([t.defaultTitle, t.online, t.welcome, t.placeholder, t.offlineTitle, t.offlineIntro, t.offlineThanks]).toEqual([b.chatTitle, b.chatSubtitle, b.greeting, b.inputPlaceholder, b.offlineTitle, b.offlineText, b.offlineThanks]);
    }
  });

  it('puts the site\'s captions over them, in the site\'s language', () => {
    const t = withCaptions(dict('en'), { ...none, chatTitle: 'Kettle shop', chatSubtitle: 'We reply in minutes', greeting: 'Hello!', inputPlaceholder: 'Ask us', offlineTitle: 'Write to us', offlineText: 'We are away.', offlineThanks: 'Thanks, talk soon.' });
    expect([t.title, t.subtitle, t.welcome, t.placeholder, t.offlineTitle, t.offlineTab, t.offlineIntro]).toEqual(['Kettle shop', 'We reply in minutes', 'Hello!', 'Ask us', 'Write to us', 'Write to us', 'We are away.']);
    expect(t.offlineThanks).toBe('Thanks, talk soon.');
    // Words the site does not caption stay the language's own.
    expect(t.send).toBe('Send');
  });
});

describe('colours', () => {
  it('become custom properties, with darker hover shades', () => {
    const vars = Object.fromEntries(designVars({ ...DEFAULT_DESIGN, logo: { url: 'https://x/l.png', scale: 1.5 } }));
    expect(vars).toMatchObject({ '--a': '#2563eb', '--on-a': '#ffffff', '--la': '#2563eb', '--in': '#ffffff', '--on-out': '#ffffff', '--ls': '1.5' });
    expect(shade('#ffffff', 0.5)).toBe('#808080');
    expect(shade('#2563eb', 0)).toBe('#2563eb');
  });
});

describe('designs from outside the core (the preview\'s postMessage)', () => {
  it('keeps what is valid and falls back field by field', () => {
    const d = sanitizeDesign({
      style: 'side',
      position: { x: 2, y: 0.3 },
      colors: { shell: '#GGG', launcher: '#123456', shellText: 42 },
      logo: { url: 'https://core/logo', scale: 9 },
      captions: { ru: { chatTitle: `  ${'я'.repeat(80)}  `, greeting: 7 } },
    });
    expect(d.style).toBe('side');
    expect(d.position).toEqual({ x: DEFAULT_DESIGN.position.x, y: 0.3 });
    expect(d.colors).toEqual({ ...DEFAULT_DESIGN.colors, launcher: '#123456' });
    expect(d.logo).toEqual({ url: 'https://core/logo', scale: 2 });
    expect(d.captions.ru.chatTitle).toHaveLength(60);
    expect(d.captions.ru.greeting).toBe('');
    expect(d.captions.en).toEqual(DEFAULT_DESIGN.captions.en);
  });

  it('gives the default design for anything that is not one', () => {
    for (const junk of [null, undefined, 'design', 42, [], { style: 'fancy' }]) expect(sanitizeDesign(junk)).toEqual(DEFAULT_DESIGN);
  });
});

describe('the preview\'s sample conversation', () => {
  it('is an operator online talking with the visitor, in the widget\'s language; offline, nobody', () => {
    const online = sampleState('ru', true);
    expect(online.operators).toEqual([{ id: 1, name: 'Анна Смирнова', avatarUrl: null }]);
    expect(online.messages.map((m) => m.author.kind)).toEqual(['operator', 'visitor', 'operator']);
    expect(sampleState('en', true).messages[0]!.text).toBe('Hi there! How can I help?');
    expect(sampleState('ru', false)).toMatchObject({ online: false, operators: [], messages: [] });
  });
});
