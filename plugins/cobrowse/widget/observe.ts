import type { WidgetDesign } from '../../../widget/src/design.js';
import type { CobrowseRequestDto } from '../shared/cobrowse.protocol.js';
import type { CobrowseSocket } from './cobrowse-socket.js';
import { WORDS, type CobrowseWords } from './cobrowse-words.js';
import { css } from './cobrowse-styles.js';
import type { Recorder } from './recorder.js';

/** The site's selectors (manifest.settings.widget): what else to mask, block, or show. */
export interface ObserveSettings {
  mask: string[];
  block: string[];
  unmask: string[];
}

export interface Observer {
  request(r: CobrowseRequestDto): void;
  snapshot(sessionId: string): void;
  ended(sessionId: string): void;
  stop(): void;
}

const EYE = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/></svg>';

/**
 * The visitor's side of a session (the second stage): the consent prompt (`asking`), then — the
 * visitor allowed, or the site asks nobody — the recorder in this tab while it is in front, and a
 * banner saying the page is observed, with «Остановить». The recorder (rrweb) is a chunk of its own.
 */
export function observer(deps: { socket: CobrowseSocket; locale: 'ru' | 'en'; design?: WidgetDesign; settings: Partial<ObserveSettings> }): Observer {
  const { socket } = deps;
  const words: CobrowseWords = WORDS[deps.locale];
  const settings: ObserveSettings = { mask: deps.settings.mask ?? [], block: deps.settings.block ?? [], unmask: deps.settings.unmask ?? [] };
  const host = document.createElement('callpy-cobrowse');
  const shadow = host.attachShadow({ mode: 'open' });
  let current: CobrowseRequestDto | null = null;
  let recorder: Promise<Recorder> | null = null;

  const onVisibility = () => sync();
  document.addEventListener('visibilitychange', onVisibility);

  /** What this tab does now: ask, record (while in front), or nothing. */
  function sync(): void {
    const live = current?.state === 'live';
    if (live && document.visibilityState === 'visible') void record(current!.sessionId);
    else void recorder?.then((r) => r.pause());
    render();
  }

  const loadRecorder = () => (recorder ??= import('./recorder.js').then((m) => m.recorder(socket, settings)));
  const record = (sessionId: string) => loadRecorder().then((r) => r.start(sessionId));

  function render(): void {
    const c = deps.design?.colors;
    shadow.innerHTML = `<style>${css}</style>`;
    if (!current) return void host.remove();
    const card = document.createElement('div');
    card.className = 'cb';
    if (c) for (const [k, v] of [['--a', c.shell], ['--on-a', c.shellText]] as const) card.style.setProperty(k, v);
    if (current.state === 'asking') {
      // Fetched while the visitor reads: allowed, recording starts without waiting for it.
      void loadRecorder().catch(() => (recorder = null));
      card.setAttribute('role', 'dialog');
      card.dataset.testid = 'cobrowse-consent';
      card.innerHTML = `<div class="hd">${EYE}<span></span></div><p></p><div class="row"><button type="button" data-testid="cobrowse-refuse"></button><button type="button" class="go" data-testid="cobrowse-allow"></button></div>`;
      card.querySelector('span')!.textContent = words.askTitle;
      card.querySelector('p')!.textContent = words.askText;
      const [no, yes] = card.querySelectorAll('button');
      no!.textContent = words.refuse;
      yes!.textContent = words.allow;
      const answer = (allow: boolean) => socket.emit('cobrowse.answer', { sessionId: current!.sessionId, allow }, () => undefined);
      no!.onclick = () => (answer(false), leave());
      yes!.onclick = () => answer(true);
    } else {
      card.className = 'cb bar';
      card.dataset.testid = 'cobrowse-banner';
      card.innerHTML = '<span class="dot"></span><span></span><button type="button" data-testid="cobrowse-stop"></button>';
      card.querySelector('span:not(.dot)')!.textContent = words.observed;
      const stop = card.querySelector('button')!;
      stop.textContent = words.stop;
      stop.onclick = () => (socket.emit('cobrowse.end', { sessionId: current!.sessionId }, () => undefined), leave());
    }
    shadow.append(card);
    if (!host.isConnected) document.body.append(host);
  }

  function leave(): void {
    current = null;
    void recorder?.then((r) => r.pause());
    render();
  }

  return {
    request(r) {
      current = r;
      sync();
    },
    snapshot(sessionId) {
      if (current?.sessionId === sessionId && current.state === 'live') void recorder?.then((r) => r.snapshot());
    },
    ended(sessionId) {
      if (current?.sessionId === sessionId) leave();
    },
    stop() {
      document.removeEventListener('visibilitychange', onVisibility);
      leave();
    },
  };
}
