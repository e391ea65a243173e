import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../src/host/navigation.js';
import { pluginChunks } from '../src/host/order.js';
import { scopedHost } from '../src/host/scope.js';
import { widgetSlots } from '../src/host/slots.js';
import { visitorSockets } from '../src/host/sockets.js';
import { TRACK_KEPT, trackCalls } from '../src/host/track.js';
import type { TrackCall, WidgetChunk, WidgetHost, WidgetPage } from '../src/widget-api.js';

/** The WidgetHost's parts without a browser (issue 10): a real socket.io server, a fake window, fake chunks. */

describe('the visitor\'s one connection', () => {
  it('multiplexes two namespaces over one Manager: one WebSocket, each namespace with the visitor token', async () => {
    const http = createServer();
    const io = new Server(http);
    const tokens: Record<string, unknown> = {};
    for (const ns of ['/chat', '/goals']) {
      io.of(ns).use((socket, next) => {
        tokens[ns] = socket.handshake.auth.token;
        next();
      });
      io.of(ns).on('connection', (s) => s.on('ping.me', (p: unknown, ack: (r: unknown) => void) => ack(p)));
    }
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const socketFor = visitorSockets(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'visitor-token', { connect: true });
    const sockets = [socketFor('/chat'), socketFor('/goals')];
    try {
      await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => s.once('connect', () => resolve()).once('connect_error', reject))));
      expect(io.engine.clientsCount).toBe(1);
      expect(sockets[0]!.io).toBe(sockets[1]!.io);
      expect(tokens).toEqual({ '/chat': 'visitor-token', '/goals': 'visitor-token' });
      // Frames go both ways on each namespace (acks included).
      expect(await sockets[1]!.timeout(2000).emitWithAck('ping.me' as never, { n: 1 } as never)).toEqual({ n: 1 });
    } finally {
      sockets.forEach((s) => s.disconnect());
      sockets[0]!.io.engine?.close();
      await io.close();
    }
  });

  it('makes no connection in the preview (its sockets never connect)', () => {
    const socket = visitorSockets('http://127.0.0.1:9', 't', { connect: false })('/chat');
    expect(socket.io.engine).toBeUndefined();
    expect(socket.active).toBe(false);
  });
});

/** A window enough for navigation: an address, a title, history and listeners. */
function fakeWindow(href: string) {
  const listeners = new Map<string, (() => void)[]>();
  const state = { pushes: 0 };
  const location = { href };
  const win = {
    location,
    document: { title: 'Home', referrer: 'https://search.example/' },
    history: {
      pushState(_s: unknown, _t: string, url?: string | URL | null) {
        state.pushes++;
        if (url) location.href = new URL(String(url), location.href).href;
      },
      replaceState(_s: unknown, _t: string, url?: string | URL | null) {
        if (url) location.href = new URL(String(url), location.href).href;
      },
    },
    addEventListener: (type: string, fn: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
  };
  return { win: win as unknown as Window, location, state, fire: (type: string) => listeners.get(type)?.forEach((fn) => fn()), document: win.document };
}

describe('navigation events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the page at once, then each history change once the app has set its title', () => {
    const w = fakeWindow('https://shop.example/');
    const onNavigate = watchNavigation(w.win);
    const pages: WidgetPage[] = [];
    onNavigate((p) => pages.push(p));
    expect(pages).toEqual([{ url: 'https://shop.example/', title: 'Home', referrer: 'https://search.example/' }]);

    w.win.history.pushState({}, '', '/cart');
    w.document.title = 'Cart';
    vi.advanceTimersByTime(150);
    expect(w.state.pushes, 'the page\'s own pushState still runs').toBe(1);
    expect(pages.at(-1)).toEqual({ url: 'https://shop.example/cart', title: 'Cart', referrer: 'https://shop.example/' });

    // The same address again (replaceState of state only) is no navigation.
    w.win.history.replaceState({ x: 1 }, '');
    vi.advanceTimersByTime(150);
    expect(pages).toHaveLength(2);

    w.location.href = 'https://shop.example/cart#pay';
    w.fire('hashchange');
    vi.advanceTimersByTime(150);
    w.location.href = 'https://shop.example/';
    w.fire('popstate');
    vi.advanceTimersByTime(150);
    expect(pages.map((p) => p.url)).toEqual(['https://shop.example/', 'https://shop.example/cart', 'https://shop.example/cart#pay', 'https://shop.example/']);
  });

  it('tells every listener, a late one starting with the current page; undo stops it', () => {
    const w = fakeWindow('https://shop.example/');
    const onNavigate = watchNavigation(w.win);
    const a: string[] = [];
    const b: string[] = [];
    const stopA = onNavigate((p) => a.push(p.url));
    w.win.history.pushState({}, '', '/one');
    vi.advanceTimersByTime(150);
    onNavigate((p) => b.push(p.url));
    stopA();
    w.win.history.pushState({}, '', '/two');
    vi.advanceTimersByTime(150);
    expect(a).toEqual(['https://shop.example/', 'https://shop.example/one']);
    expect(b).toEqual(['https://shop.example/one', 'https://shop.example/two']);
  });
});

describe('Callpy.track', () => {
  it('hands the calls queued before the widget loaded to each listener, then live ones', () => {
    const global = { q: [['add_to_cart', { sum: 1200 }]] as TrackCall[], track: (() => {}) as (name: string, props?: Record<string, string | number | boolean>) => void };
    const onTrack = trackCalls(global);
    const first: unknown[] = [];
    onTrack((name, props) => first.push([name, props]));
    expect(first).toEqual([['add_to_cart', { sum: 1200 }]]);
    global.track('checkout');
    expect(first).toEqual([['add_to_cart', { sum: 1200 }], ['checkout', undefined]]);
    // A chunk that mounts later still hears everything so far.
    const late: unknown[] = [];
    onTrack((name) => late.push(name));
    expect(late).toEqual(['add_to_cart', 'checkout']);
  });

  it('keeps a bounded queue and lets no listener\'s error reach the page or the others', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const global = { q: [] as TrackCall[], track: (() => {}) as (name: string) => void };
    const onTrack = trackCalls(global);
    onTrack(() => {
      throw new Error('broken listener');
    });
    const heard: unknown[] = [];
    onTrack((name) => heard.push(name));
    expect(() => global.track('x')).not.toThrow();
    expect(heard).toEqual(['x']);
    for (let i = 0; i < TRACK_KEPT * 2; i++) global.track(`e${i}`);
    expect(global.q).toHaveLength(TRACK_KEPT);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('chunks and dependsOn', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('mounts a chunk only after the chunks it depends on, the others as soon as they are here', async () => {
    const chatSlow = deferred();
    const order: string[] = [];
    const chunks: Record<string, WidgetChunk> = {
      chat: { default: async () => void (await chatSlow.promise, order.push('chat')) },
      goals: { default: () => void order.push('goals') },
      button: { default: () => void order.push('button'), dependsOn: ['chat'] },
    };
    const done = pluginChunks(
      async (url) => chunks[url]!,
      async (_id, chunk) => void (await chunk.default({} as never)),
    ).apply(['button', 'chat', 'goals'].map((id) => ({ id, url: id })));
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['goals']);
    chatSlow.resolve();
    await done;
    expect(order).toEqual(['goals', 'chat', 'button']);
  });

  it('leaves a chunk unmounted when its dependency is missing, failed or in a cycle, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mounted: string[] = [];
    const chunks: Record<string, WidgetChunk> = {
      lonely: { default: () => {}, dependsOn: ['calls'] },
      broken: {
        default: () => {
          throw new Error('boom');
        },
      },
      child: { default: () => {}, dependsOn: ['broken'] },
      a: { default: () => {}, dependsOn: ['b'] },
      b: { default: () => {}, dependsOn: ['a'] },
      fine: { default: () => {} },
    };
    await pluginChunks(
      async (url) => chunks[url]!,
      async (id, chunk) => {
        await chunk.default({} as never);
        mounted.push(id);
      },
    ).apply(Object.keys(chunks).map((id) => ({ id, url: id })));
    expect(mounted).toEqual(['fine']);
    const said = warn.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(said).toMatch(/lonely:.*"calls", which this site does not have/);
    expect(said).toMatch(/child:.*needs broken/);
    expect(said).toMatch(/cycle/);
    warn.mockRestore();
  });
});

describe('chunks following the account\'s plugins (A7)', () => {
  const list = (...ids: string[]) => ids.map((id) => ({ id, url: id }));
  const chunks: Record<string, WidgetChunk> = { chat: { default: () => {} }, goals: { default: () => {} }, button: { default: () => {}, dependsOn: ['chat'] } };

  it('unmounts what is gone (what depends on it first), mounts what is new, and tries again what could not mount', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log: string[] = [];
    const set = pluginChunks(
      async (url) => chunks[url]!,
      async (id) => (log.push(`+${id}`), () => void log.push(`-${id}`)),
    );
    await set.apply(list('chat', 'goals', 'button'));
    expect(log).toEqual(['+chat', '+goals', '+button']);
    expect(set.ids()).toBe('button,chat,goals');

    log.length = 0;
    await set.apply(list('goals', 'button'));
    // The button needs the chat: it goes before it, and stays off while the chat is.
    expect(log).toEqual(['-button', '-chat']);
    expect(warn.mock.calls.map((c) => c.join(' ')).join('\n')).toMatch(/button:.*"chat", which this site does not have/);
    expect(set.ids()).toBe('button,goals');

    log.length = 0;
    await set.apply(list('chat', 'goals', 'button'));
    expect(log).toEqual(['+chat', '+button']);
    await set.apply(list('chat', 'goals', 'button'));
    expect(log).toEqual(['+chat', '+button']);
    warn.mockRestore();
  });

  it('never mounts a chunk switched off while it loads; unmounts one switched off while it mounts, once it has', async () => {
    const log: string[] = [];
    let loaded!: (c: WidgetChunk) => void;
    let mountedNow!: () => void;
    const slowMount = new Promise<void>((r) => (mountedNow = r));
    const set = pluginChunks(
      (url) => (url === 'slow-load' ? new Promise<WidgetChunk>((r) => (loaded = r)) : Promise.resolve(chunks.goals!)),
      async (id) => {
        log.push(`+${id}`);
        if (id === 'slow-mount') await slowMount;
        return () => void log.push(`-${id}`);
      },
    );
    const first = set.apply([{ id: 'slow-load', url: 'slow-load' }, { id: 'slow-mount', url: 'slow-mount' }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['+slow-mount']);
    await set.apply([]);
    loaded(chunks.goals!);
    mountedNow();
    await first;
    expect(log).toEqual(['+slow-mount', '-slow-mount']);
    expect(set.ids()).toBe('');
  });

  it("a chunk's scope: end() removes its listeners, slot items and watchers and leaves its namespace; mounted again, it starts clean", async () => {
    const http = createServer();
    const io = new Server(http);
    const left: (() => void)[] = [];
    io.of('/goals').on('connection', (s) => {
      s.emit('hello');
      s.on('disconnect', () => left.shift()?.());
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const socketFor = visitorSockets(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'visitor-token', { connect: true });
    const registered = { navigate: new Set<unknown>(), track: new Set<unknown>() };
    const slots = widgetSlots();
    const shared: Omit<WidgetHost, 'signal'> = {
      socket: socketFor as WidgetHost['socket'],
      onNavigate: (fn) => (registered.navigate.add(fn), () => void registered.navigate.delete(fn)),
      onTrack: (fn) => (registered.track.add(fn), () => void registered.track.delete(fn)),
      slots,
    };
    // The host's own /visitor stays connected, so the one WebSocket stays open.
    const core = socketFor('/');
    const heard: string[] = [];
    const hello = (who: string) => new Promise<void>((resolve) => scope.host.socket('/goals').on('hello', () => (heard.push(who), resolve())));
    let scope = scopedHost(shared);
    try {
      await hello('first');
      scope.host.slots.headerButtons.add({ id: 'x', label: { ru: 'Икс', en: 'X' }, onClick() {} });
      const watcher = vi.fn();
      scope.host.slots.changed(watcher);
      scope.host.onNavigate(() => {});
      scope.host.onTrack(() => {});
      const aborted = new Promise((resolve) => scope.host.signal.addEventListener('abort', resolve));
      const gone = new Promise<void>((resolve) => left.push(resolve));

      scope.end();
      await gone;
      await aborted;
      expect(slots.headerButtons.items()).toEqual([]);
      slots.composerActions.add({ id: 'y', label: { ru: 'Игрек', en: 'Y' }, onClick() {} });
      expect(watcher, 'its watcher went first: it hears neither its own removals nor later changes').not.toHaveBeenCalled();
      expect([registered.navigate.size, registered.track.size]).toEqual([0, 0]);

      scope = scopedHost(shared);
      await hello('second');
      expect(heard, 'the first listener went with the first scope').toEqual(['first', 'second']);
      expect(io.engine.clientsCount).toBe(1);
    } finally {
      scope.end();
      core.disconnect();
      core.io.engine?.close();
      await io.close();
    }
  });
});

describe('slots', () => {
  it('adds and removes items, telling watchers each time', () => {
    const slots = widgetSlots();
    const changes = vi.fn();
    slots.changed(changes);
    const button = { id: 'x', label: { ru: 'Икс', en: 'X' }, onClick() {} };
    const remove = slots.headerButtons.add(button);
    expect(slots.headerButtons.items()).toEqual([button]);
    expect(slots.composerActions.items()).toEqual([]);
    remove();
    expect(slots.headerButtons.items()).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(2);
  });
});
