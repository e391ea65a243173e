import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingNotifier } from './typing-notifier';

describe('TypingNotifier', () => {
  let sent: [string, boolean][];
  let notifier: TypingNotifier;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    notifier = new TypingNotifier((dialogId, typing) => sent.push([dialogId, typing]));
  });
  afterEach(() => vi.useRealTimers());

  it('one "typing" for a burst of keystrokes, a reminder every 3 s, "stopped" after 4 s idle', () => {
    for (let i = 0; i < 10; i++) {
      notifier.keystroke('d1');
      vi.advanceTimersByTime(200);
    }
    expect(sent).toEqual([['d1', true]]);
    vi.advanceTimersByTime(1000);
    notifier.keystroke('d1');
    expect(sent).toEqual([['d1', true], ['d1', true]]);
    vi.advanceTimersByTime(4000);
    expect(sent.at(-1)).toEqual(['d1', false]);
    notifier.stop();
    expect(sent.length).toBe(3);
  });

  it('another dialog: the first one is told typing stopped', () => {
    notifier.keystroke('d1');
    notifier.keystroke('d2');
    expect(sent).toEqual([['d1', true], ['d1', false], ['d2', true]]);
  });
});
