/**
 * The chat widget as the page shows it: its element `callpy-chat` and the test ids of its window,
 * launcher and offline tab. The widget's host has no call for "open the chat" or "is it open", so
 * this is the one place the calls plugin looks into the chat's shadow root (open, by design of the
 * chat); a chat without its window simply gets nothing done here.
 */
const chat = (): ShadowRoot | null => document.querySelector('callpy-chat')?.shadowRoot ?? null;

/** Calls `fn` with whether the chat's window is open, now and on every change; returns its undo. */
export function watchChatWindow(fn: (open: boolean) => void): () => void {
  const root = chat()?.querySelector('.root');
  if (!root) return () => undefined;
  const tell = () => fn(root.classList.contains('open'));
  const observer = new MutationObserver(tell);
  observer.observe(root, { attributes: true, attributeFilter: ['class'] });
  tell();
  return () => observer.disconnect();
}

/** How many frames to wait for the field (the offline form is a chunk of its own the chat fetches on first need). */
const FRAMES = 120;

/**
 * After a call that did not happen or has ended: the chat's window opens (its conversation, or its
 * offline form when nobody is online) and its first field takes the focus, ready for a message.
 */
export function leaveMessage(): void {
  const shadow = chat();
  if (!shadow) return;
  const win = shadow.querySelector<HTMLElement>('[data-testid="cp-window"]');
  if (win?.hidden) shadow.querySelector<HTMLElement>('[data-testid="cp-launcher"]:not([hidden]), [data-testid="cp-offline-tab"]:not([hidden])')?.click();
  let frames = 0;
  const focus = () => {
    const field = win?.querySelector<HTMLElement>('textarea, input:not([type="file"]):not([type="hidden"])');
    if (field && !win?.hidden) field.focus();
    else if (++frames < FRAMES) requestAnimationFrame(focus);
  };
  requestAnimationFrame(focus);
}
