import { afterEach, describe, expect, it, vi } from 'vitest';
import { callLineText, duration } from '../../plugins/calls/widget/call-line.js';
import { HOLD_MS, LegPeers, type LegLink } from '../../plugins/calls/widget/leg-peers.js';
import type { CallLeg, CallLine } from '../../plugins/calls/shared/calls.protocol.js';

const line = (over: Partial<CallLine>): CallLine => ({
  callId: 'c1',
  direction: 'operator-to-visitor',
  outcome: 'answered',
  operatorName: 'Анна',
  startedAt: '2026-12-04T10:00:00.000Z',
  durationSec: 135,
  endedBy: 'visitor',
  ...over,
});

/** The lists' numbers (`call.legs`' seq): rising, as the server numbers them. */
let seq = 0;

describe('the dialog\'s call line in the widget', () => {
  it('tells an answered call with its length, and each other outcome in a few words, in both languages', () => {
    expect(callLineText(line({}), 'ru')).toBe('Звонок, 2:15');
    expect(callLineText(line({}), 'en')).toBe('Call, 2:15');
    expect(callLineText(line({ outcome: 'timeout', durationSec: null }), 'ru')).toBe('Пропущенный звонок');
    expect(callLineText(line({ outcome: 'missed', durationSec: null, direction: 'visitor-to-operator' }), 'en')).toBe('Unanswered call');
    expect(callLineText(line({ outcome: 'declined', durationSec: null }), 'ru')).toBe('Звонок отклонён');
    expect(callLineText(line({ outcome: 'cancelled', durationSec: null }), 'en')).toBe('Call cancelled');
  });

  it('gives null for what is not a call line, so the chat shows the message\'s own text', () => {
    for (const payload of [null, 'x', 42, {}, { outcome: 'exploded' }, { outcome: 'constructor' }, { outcome: '__proto__' }]) expect(callLineText(payload, 'ru')).toBeNull();
  });

  it('writes lengths as people read them', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(59.9)).toBe('0:59');
    expect(duration(600)).toBe('10:00');
    expect(duration(3723)).toBe('1:02:03');
    expect(duration(-5)).toBe('0:00');
  });
});

class FakeLink implements LegLink {
  up = false;
  closed = false;
  constructor(readonly legId: string) {}
  connected = () => this.up;
  close = () => void (this.closed = true);
}

const leg = (id: string, side: CallLeg['side'] = 'operator', name: string | null = side === 'visitor' ? null : 'Oleg'): CallLeg => ({
  id,
  side,
  userId: side === 'operator' ? 7 : null,
  name,
  media: { audio: true, video: false, screen: false },
});

function legPeers() {
  const made: FakeLink[] = [];
  const changed = vi.fn();
  const peers = new LegPeers<FakeLink>('me', (l) => {
    const link = new FakeLink(l.id);
    made.push(link);
    return link;
  }, changed);
  return { peers, made, changed, link: (id: string) => made.find((m) => m.legId === id)! };
}

describe('the visitor\'s connections to the other legs', () => {
  afterEach(() => vi.useRealTimers());

  it('connects to each operator leg once, never to itself or to another visitor leg', () => {
    const { peers, made } = legPeers();
    peers.update([leg('me', 'visitor'), leg('desk'), leg('old-page', 'visitor')], ++seq);
    peers.update([leg('me', 'visitor'), leg('desk')], ++seq);
    expect(made.map((m) => m.legId)).toEqual(['desk']);
    expect(peers.get('desk')).toBe(made[0]);
    expect(peers.get('old-page')).toBeUndefined();
  });

  it('D4: connects to an invited operator and a guest too (a three-way call is a mesh), and names each person once', () => {
    const { peers, made } = legPeers();
    peers.update([leg('me', 'visitor'), leg('desk'), leg('phone'), leg('bella', 'operator', 'Bella'), leg('guest', 'guest', 'Ivan')], ++seq);
    expect(made.map((m) => m.legId)).toEqual(['desk', 'phone', 'bella', 'guest']);
    expect(peers.names()).toEqual(['Oleg', 'Bella', 'Ivan']);
  });

  it('hand-over: the old leg keeps playing until the new one flows, then goes (make before break)', () => {
    const { peers, link } = legPeers();
    peers.update([leg('me', 'visitor'), leg('desk')], ++seq);
    link('desk').up = true;
    peers.settle();
    // The phone joins; the server already lists the desk as gone before the phone's media flows.
    peers.update([leg('me', 'visitor'), leg('phone')], ++seq);
    expect(link('desk').closed).toBe(false);
    expect(peers.main()?.link).toBe(link('desk'));
    expect(peers.get('desk'), 'its late signals still reach it').toBe(link('desk'));
    link('phone').up = true;
    peers.settle();
    expect(link('desk').closed).toBe(true);
    expect(peers.main()?.link).toBe(link('phone'));
    expect(peers.links()).toEqual([link('phone')]);
  });

  it('drops a leaving leg after HOLD_MS when the new one never connects', () => {
    vi.useFakeTimers();
    const { peers, link, changed } = legPeers();
    peers.update([leg('desk')], ++seq);
    peers.update([leg('phone')], ++seq);
    vi.advanceTimersByTime(HOLD_MS - 1);
    expect(link('desk').closed).toBe(false);
    changed.mockClear();
    vi.advanceTimersByTime(1);
    expect(link('desk').closed).toBe(true);
    expect(changed).toHaveBeenCalled();
    expect(link('phone').closed).toBe(false);
  });

  it('a leaving leg goes at once when the rest flows; the last one is held, and kept when listed again', () => {
    vi.useFakeTimers();
    const { peers, link } = legPeers();
    peers.update([leg('desk'), leg('phone')], ++seq);
    link('desk').up = true;
    peers.update([leg('desk')], ++seq);
    // The phone was not connected, but what stays (the desk) flows: the phone goes at once.
    expect(link('phone').closed).toBe(true);
    // A list without the desk (its panel reloading, or computed before it joined): held, then listed again.
    peers.update([], ++seq);
    vi.advanceTimersByTime(HOLD_MS / 2);
    expect(link('desk').closed).toBe(false);
    peers.update([leg('desk')], ++seq);
    vi.advanceTimersByTime(HOLD_MS);
    expect(link('desk').closed).toBe(false);
    peers.update([], ++seq);
    vi.advanceTimersByTime(HOLD_MS);
    expect(link('desk').closed).toBe(true);
    expect(peers.main()).toBeNull();
  });

  it('a leg that signals before any list names it gets its connection, once; the next list corrects it', () => {
    const { peers, made, changed } = legPeers();
    peers.update([leg('me', 'visitor')], ++seq);
    changed.mockClear();
    const link = peers.adopt('desk');
    expect(peers.adopt('desk')).toBe(link);
    expect(made.map((m) => m.legId)).toEqual(['desk']);
    expect(changed).toHaveBeenCalledTimes(1);
    peers.update([leg('me', 'visitor'), { ...leg('desk'), media: { audio: true, video: true, screen: false } }], ++seq);
    expect(peers.main()?.leg.media.video).toBe(true);
    expect(made).toHaveLength(1);
  });

  it('drops a list numbered no higher than one it has (two tellings crossed): the leg it names gone stays', () => {
    const { peers, made, link } = legPeers();
    expect(peers.update([leg('me', 'visitor'), leg('desk'), leg('phone')], 7)).toBe(true);
    link('desk').up = link('phone').up = true;
    expect(peers.update([leg('me', 'visitor'), leg('desk')], 6)).toBe(false);
    expect(peers.update([leg('me', 'visitor'), leg('desk')], 7)).toBe(false);
    peers.settle();
    expect(made.map((m) => m.legId)).toEqual(['desk', 'phone']);
    expect(made.some((m) => m.closed)).toBe(false);
    // A newer list is applied: the phone is let go (the desk flows).
    expect(peers.update([leg('me', 'visitor'), leg('desk')], 8)).toBe(true);
    expect(link('phone').closed).toBe(true);
  });

  it('close() ends every connection, the leaving ones too', () => {
    const { peers, made } = legPeers();
    peers.update([leg('a'), leg('b')], ++seq);
    peers.update([leg('b')], ++seq);
    peers.close();
    expect(made.every((m) => m.closed)).toBe(true);
  });
});
