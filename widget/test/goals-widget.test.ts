import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import mount from '../../plugins/goals/widget/index.js';
import type { Goal, GoalHitInput } from '../../plugins/goals/shared/goals.protocol.js';
import { scopedHost } from '../src/host/scope.js';
import type { WidgetApi, WidgetHost, WidgetPage } from '../src/widget-api.js';

/**
 * G1's widget first stage without a browser: a fake page (document listeners, elements that match
 * named selectors), a fake host and a fake `/goals` socket whose acks the test gives.
 */

class FakeElement {
  constructor(private readonly selectors: string[]) {}
  private test(selector: string): boolean {
    if (selector.startsWith('!!')) throw new SyntaxError(`'${selector}' is not a valid selector`);
    return this.selectors.includes(selector);
  }
  closest = vi.fn((selector: string) => (this.test(selector) ? this : null));
  matches = vi.fn((selector: string) => this.test(selector));
}

class FakeStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

function fakePage(storage: FakeStorage | 'blocked') {
  const listeners: { type: string; fn: (e: { target: unknown }) => void; capture: unknown }[] = [];
  vi.stubGlobal('Element', FakeElement);
  vi.stubGlobal('location', { href: 'https://shop.example/' });
  vi.stubGlobal('document', {
    addEventListener: (type: string, fn: (e: { target: unknown }) => void, opts: boolean | AddEventListenerOptions) => {
      const listener = { type, fn, capture: typeof opts === 'object' ? opts.capture : opts };
      listeners.push(listener);
      if (typeof opts === 'object') opts.signal?.addEventListener('abort', () => listeners.splice(listeners.indexOf(listener), 1));
    },
  });
  if (storage === 'blocked') {
    Object.defineProperty(globalThis, 'sessionStorage', { configurable: true, get: () => { throw new DOMException('blocked', 'SecurityError'); } });
  } else vi.stubGlobal('sessionStorage', storage);
  return {
    listeners,
    fire: (type: string, target: unknown) => listeners.filter((l) => l.type === type).forEach((l) => l.fn({ target })),
  };
}

/** The `/goals` socket: records each `goal.hit` (the test answers it, or lets it time out); the test sends `goals.updated`. */
function fakeHost() {
  const sent: { hit: GoalHitInput; answer: (err: Error | null, ack?: unknown) => void }[] = [];
  const handlers = new Map<string, ((payload?: unknown) => void)[]>();
  const fromServer = (event: string, payload?: unknown) => handlers.get(event)?.forEach((fn) => fn(payload));
  const socket = {
    connected: false,
    on: (event: string, fn: (payload?: unknown) => void) => handlers.set(event, [...(handlers.get(event) ?? []), fn]),
    // What the host's scope calls when the plugin is switched off.
    removeAllListeners: () => handlers.clear(),
    offAny: () => {},
    disconnect: () => void (socket.connected = false),
    sendBuffer: [],
    timeout: () => ({ emit: (_name: string, hit: GoalHitInput, answer: (err: Error | null, ack?: unknown) => void) => sent.push({ hit, answer }) }),
  };
  let navigate: (page: WidgetPage) => void = () => {};
  let track: (name: unknown, props: unknown) => void = () => {};
  const opened: string[] = [];
  const host = {
    socket: (ns: string) => (opened.push(ns), socket),
    onNavigate: (fn: (page: WidgetPage) => void) => ((navigate = fn), fn({ url: 'https://shop.example/', title: '', referrer: '' }), () => void (navigate = () => {})),
    onTrack: (fn: typeof track) => ((track = fn), () => void (track = () => {})),
    slots: {},
    signal: new AbortController().signal,
  };
  return {
    host,
    sent,
    opened,
    connect: () => ((socket.connected = true), fromServer('connect')),
    updated: (goals: unknown) => fromServer('goals.updated', goals),
    navigate: (url: string) => navigate({ url, title: '', referrer: '' }),
    track: (name: unknown, props?: unknown) => track(name, props),
  };
}

const GOALS: Goal[] = [
  { id: 'g-buy', name: 'Buy button', type: 'click', selector: '.buy' },
  { id: 'g-bad', name: 'Broken', type: 'click', selector: '!!not a selector' },
  { id: 'g-thanks', name: 'Thanks page', type: 'url', match: 'wildcard', pattern: '/thanks*' },
  { id: 'g-form', name: 'Callback form', type: 'form', selector: 'form.callback' },
  { id: 'g-cart', name: 'Added to cart', type: 'event', event: 'add_to_cart' },
];

function start(h: ReturnType<typeof fakeHost>, goals: unknown = GOALS, host: unknown = h.host) {
  const api = { baseUrl: 'https://core.example', siteKey: 'site-1', session: { plugins: [{ id: 'goals', url: 'x', settings: goals }] }, host };
  void mount(api as unknown as WidgetApi);
}

describe('goals widget (G1)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });

  it('listens once per kind, in the capture phase, and opens /goals once, at mount (to hear goals.updated)', () => {
    const page = fakePage(new FakeStorage());
    const h = fakeHost();
    start(h);
    expect(page.listeners.map((l) => [l.type, l.capture])).toEqual([['click', true], ['submit', true]]);
    expect(h.opened).toEqual(['/goals']);
    page.fire('click', new FakeElement(['.buy']));
    expect(h.opened).toEqual(['/goals']);
  });

  it('stops when the plugin is switched off: no page listeners, no hits, not even a retry under way (A7)', () => {
    const page = fakePage(new FakeStorage());
    const h = fakeHost();
    const slots = { headerButtons: {}, composerActions: {}, messageKinds: {}, changed: () => () => {} };
    const scope = scopedHost({ ...h.host, slots } as unknown as WidgetHost);
    start(h, GOALS, scope.host);
    h.connect();
    page.fire('click', new FakeElement(['.buy']));
    expect(h.sent.map((s) => s.hit.goalId)).toEqual(['g-buy']);

    scope.end();
    expect(page.listeners).toEqual([]);
    // Unanswered before the switch: its retry must not go out once the namespace is back.
    h.sent[0]!.answer(new Error('timeout'));
    h.connect();
    vi.advanceTimersByTime(120_000);
    h.navigate('https://shop.example/thanks');
    h.track('add_to_cart');
    h.updated(GOALS);
    expect(h.sent).toHaveLength(1);
  });

  it('replaces its goals on goals.updated: a new click goal counts, a removed one no longer does, a new URL goal is checked on the page', () => {
    const page = fakePage(new FakeStorage());
    const h = fakeHost();
    start(h);
    h.connect();
    h.navigate('https://shop.example/thanks-for-nothing');
    expect(h.sent.map((s) => s.hit.goalId)).toEqual(['g-thanks']);
    page.fire('click', new FakeElement([]));
    h.updated([
      { id: 'g-order', name: 'Order button', type: 'click', selector: '.order' },
      { id: 'g-bad', name: 'Fixed', type: 'click', selector: '.fixed' },
      { id: 'g-here', name: 'This page', type: 'url', match: 'prefix', pattern: '/thanks-for' },
      { id: 'g-elsewhere', name: 'Another page', type: 'url', match: 'exact', pattern: '/cart' },
    ] satisfies Goal[]);
    expect(h.sent.map((s) => s.hit)).toEqual([
      { goalId: 'g-thanks', url: 'https://shop.example/thanks-for-nothing' },
      { goalId: 'g-here', url: 'https://shop.example/thanks-for-nothing' },
    ]);
    page.fire('click', new FakeElement(['.buy']));
    page.fire('click', new FakeElement(['.order']));
    // A goal whose selector did not parse is tried again once it is changed.
    page.fire('click', new FakeElement(['.fixed']));
    h.track('add_to_cart');
    expect(h.sent.slice(2).map((s) => s.hit.goalId)).toEqual(['g-order', 'g-bad']);
    // Whatever is not a list is no goals.
    h.updated({ goals: 'nope' });
    page.fire('click', new FakeElement(['.order', '.fixed']));
    expect(h.sent).toHaveLength(4);
  });

  it('counts a click goal once per visit: sent when connected, kept after the ack, not sent again on the next page', () => {
    const storage = new FakeStorage();
    const page = fakePage(storage);
    const h = fakeHost();
    start(h);
    const button = new FakeElement(['.buy']);
    page.fire('click', button);
    page.fire('click', button);
    expect(h.sent).toEqual([]);
    h.connect();
    expect(h.sent.map((s) => s.hit)).toEqual([{ goalId: 'g-buy', url: 'https://shop.example/' }]);
    h.sent[0]!.answer(null, { ok: true, data: null });
    expect(storage.getItem('callpy:site-1:goals')).toBe('g-buy');

    const next = fakePage(storage);
    const h2 = fakeHost();
    start(h2);
    next.fire('click', button);
    h2.connect();
    expect(h2.sent).toEqual([]);
  });

  it('skips a selector that does not parse, without breaking the page or the other goals', () => {
    const page = fakePage(new FakeStorage());
    const h = fakeHost();
    start(h);
    h.connect();
    const el = new FakeElement(['.buy']);
    expect(() => page.fire('click', el)).not.toThrow();
    expect(h.sent.map((s) => s.hit.goalId)).toEqual(['g-buy']);
    page.fire('click', new FakeElement([]));
    // The broken goal was tried once, then left alone.
    expect(el.closest.mock.calls.filter(([s]) => s.startsWith('!!'))).toHaveLength(1);
    expect(() => page.fire('click', 'not an element')).not.toThrow();
  });

  it('matches URL goals on every navigation, form goals on submit, event goals on Callpy.track with flat props', () => {
    const page = fakePage(new FakeStorage());
    const h = fakeHost();
    start(h);
    h.connect();
    expect(h.sent).toEqual([]);
    h.navigate('https://shop.example/cart');
    h.navigate('https://shop.example/thanks?order=7');
    page.fire('submit', new FakeElement(['form.search']));
    page.fire('submit', new FakeElement(['form.callback']));
    h.track('other_event', {});
    h.track('add_to_cart', { sum: 1200, currency: 'RUB', nested: { no: 1 }, bad: Number.NaN });
    expect(h.sent.map((s) => s.hit)).toEqual([
      { goalId: 'g-thanks', url: 'https://shop.example/thanks?order=7' },
      { goalId: 'g-form', url: 'https://shop.example/' },
      { goalId: 'g-cart', url: 'https://shop.example/', props: { sum: 1200, currency: 'RUB' } },
    ]);
  });

  it('sends an unanswered hit again until the server answers; a refusal ends it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = new FakeStorage();
    const page = fakePage(storage);
    const h = fakeHost();
    start(h);
    h.connect();
    page.fire('click', new FakeElement(['.buy']));
    h.sent[0]!.answer(new Error('operation has timed out'));
    expect(h.sent).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(h.sent).toHaveLength(2);
    h.sent[1]!.answer(new Error('operation has timed out'));
    vi.advanceTimersByTime(5_000);
    h.sent[2]!.answer(null, { ok: true, data: { id: 'hit-1' } });
    vi.advanceTimersByTime(120_000);
    expect(h.sent).toHaveLength(3);
    expect(storage.getItem('callpy:site-1:goals')).toBe('g-buy');

    h.track('add_to_cart');
    h.sent[3]!.answer(null, { ok: false, error: { code: 'rate_limited', message: 'Too many' } });
    vi.advanceTimersByTime(120_000);
    expect(h.sent).toHaveLength(4);
    expect(storage.getItem('callpy:site-1:goals')).toBe('g-buy');
    warn.mockRestore();
  });

  it('works with storage blocked (once per page); without goals it waits for them; in the preview it does nothing', () => {
    const page = fakePage('blocked');
    const h = fakeHost();
    start(h);
    h.connect();
    page.fire('click', new FakeElement(['.buy']));
    page.fire('click', new FakeElement(['.buy']));
    expect(h.sent).toHaveLength(1);
    expect(() => h.sent[0]!.answer(null, { ok: true, data: null })).not.toThrow();

    const empty = fakePage(new FakeStorage());
    const waiting = fakeHost();
    start(waiting, 'not a list');
    waiting.connect();
    empty.fire('click', new FakeElement(['.buy']));
    expect(waiting.sent).toEqual([]);
    waiting.updated(GOALS);
    empty.fire('click', new FakeElement(['.buy']));
    expect(waiting.sent.map((s) => s.hit.goalId)).toEqual(['g-buy']);

    const preview = fakePage(new FakeStorage());
    const shown = fakeHost();
    void mount({ baseUrl: 'https://core.example', siteKey: 'site-1', session: { plugins: [{ id: 'goals', url: 'x', settings: GOALS }] }, host: shown.host, preview: {} } as unknown as WidgetApi);
    expect(preview.listeners).toEqual([]);
    expect(shown.opened).toEqual([]);
  });
});
