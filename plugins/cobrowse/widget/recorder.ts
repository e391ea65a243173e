import { record } from '@rrweb/record';
import { FRAME_PART_BYTES, type CobrowseEvent } from '../shared/cobrowse.protocol.js';
import type { CobrowseSocket } from './cobrowse-socket.js';
import type { ObserveSettings } from './observe.js';

/** How often a tab sends what rrweb recorded: a quarter second keeps the delay low and the events few. */
const FLUSH_MS = 250;
/** Never sent in any form: rrweb leaves a blocked element out (a box of its size), value and all. */
const ALWAYS_BLOCKED = 'input[type=password],input[autocomplete=cc-number],input[autocomplete=cc-csc]';
/** Our own consent card and banner: the operator has no use for them (an empty box of their size). */
const OWN = 'callpy-cobrowse';
/** rrweb's FullSnapshot: a page's first batch goes at once, not after FLUSH_MS. */
const FULL_SNAPSHOT = 2;
const TAB_KEY = 'callpy.cobrowse.tab';

export interface Recorder {
  /** Records this tab for the session (a full snapshot first); again after a pause. */
  start(sessionId: string): void;
  /** A fresh full snapshot (an operator joined, or the server dropped its buffer). */
  snapshot(): void;
  pause(): void;
}

/** This tab's id, kept across its pages (sessionStorage) so the server tells tabs apart. */
function tabId(): string {
  try {
    const kept = sessionStorage.getItem(TAB_KEY);
    if (kept) return kept;
    const made = crypto.randomUUID();
    sessionStorage.setItem(TAB_KEY, made);
    return made;
  } catch {
    return crypto.randomUUID();
  }
}

/** JSON bytes, gzip-compressed where the browser can (every current one): a page's snapshot shrinks several times. */
async function pack(events: CobrowseEvent[]): Promise<{ gzip: boolean; bytes: Uint8Array }> {
  const json = new TextEncoder().encode(JSON.stringify(events));
  if (typeof CompressionStream !== 'function') return { gzip: false, bytes: json };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return { gzip: true, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
}

/**
 * rrweb's recorder with privacy by default: every input masked (`maskAllInputs`), passwords and
 * card fields blocked, the site's `mask`/`block` selectors on top; `unmask` shows the values of
 * chosen fields, never a blocked one's. Events go out in batches every FLUSH_MS, in parts of at
 * most FRAME_PART_BYTES (the core's socket frame limit), one batch at a time, in order.
 */
export function recorder(socket: CobrowseSocket, settings: ObserveSettings): Recorder {
  const tab = tabId();
  const unmask = settings.unmask.join(',');
  let stopRecording: (() => void) | undefined;
  let sessionId: string | null = null;
  let queue: CobrowseEvent[] = [];
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> = Promise.resolve();

  function flush(): void {
    timer = undefined;
    const events = queue;
    const to = sessionId;
    queue = [];
    if (!events.length || !to) return;
    const n = ++seq;
    sending = sending.then(async () => {
      const { gzip, bytes } = await pack(events);
      for (let at = 0; at < bytes.length; at += FRAME_PART_BYTES) {
        // A copy (slice), not a view: the part goes out as its own bytes.
        const data = bytes.slice(at, at + FRAME_PART_BYTES);
        socket.emit('cobrowse.frames', { sessionId: to, tab, seq: n, last: at + FRAME_PART_BYTES >= bytes.length, gzip, data }, () => undefined);
      }
    });
  }

  const pause = () => {
    stopRecording?.();
    stopRecording = undefined;
    flush();
  };

  return {
    start(id) {
      if (stopRecording && sessionId === id) return;
      pause();
      sessionId = id;
      stopRecording = record<CobrowseEvent>({
        emit(event) {
          queue.push(event);
          if (event.type === FULL_SNAPSHOT) {
            clearTimeout(timer);
            flush();
          } else timer ??= setTimeout(flush, FLUSH_MS);
        },
        maskAllInputs: true,
        maskInputFn: (text, element) => (unmask && !element.matches(ALWAYS_BLOCKED) && element.matches(unmask) ? text : '*'.repeat(text.length)),
        blockSelector: [ALWAYS_BLOCKED, OWN, ...settings.block].join(','),
        ...(settings.mask.length ? { maskTextSelector: settings.mask.join(',') } : {}),
        // The operator's replay draws no canvas and loads no fonts of the page; a mouse move every 50 ms
        // is a smooth trail. Input is recorded as typed (masked), not only on change (`input: 'last'`).
        recordCanvas: false,
        collectFonts: false,
        sampling: { mousemove: 50, scroll: 100 },
      });
    },
    snapshot: () => (stopRecording ? record.takeFullSnapshot(true) : undefined),
    pause,
  };
}
