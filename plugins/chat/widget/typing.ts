/**
 * C6: the draft goes to the operator as the visitor types, at most once per `waitMs` (trailing, so
 * the last keystroke always arrives), and once as '' when the message is sent.
 */
export function draftThrottle(emit: (draft: string) => void, waitMs = 300, maxLength = Infinity) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = '';
  let lastSent = '';
  const push = () => {
    timer = undefined;
    if (latest !== lastSent) emit((lastSent = latest));
  };
  return {
    input(draft: string) {
      latest = draft.slice(0, maxLength);
      timer ??= setTimeout(push, waitMs);
    },
    sent() {
      clearTimeout(timer);
      timer = undefined;
      latest = '';
      if (lastSent !== '') emit((lastSent = ''));
    },
  };
}
