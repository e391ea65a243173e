import { describe, expect, it } from 'vitest';
import { belongsTo, byLastActivity } from './sections';
import { dialog, message } from '../testing/chat-fixtures';

describe('sections', () => {
  it('mirror the server: mine = open and mine or nobody\'s; common = open and someone else\'s; blocked needs the visitor', () => {
    const mine = dialog({ id: 'a', assigneeId: 1 });
    const nobodys = dialog({ id: 'b', assigneeId: null });
    const ivans = dialog({ id: 'c', assigneeId: 2 });
    const closed = dialog({ id: 'd', status: 'closed', important: true });
    expect([mine, nobodys, ivans, closed].map((d) => belongsTo('mine', d, 1, false))).toEqual([true, true, false, false]);
    expect([mine, nobodys, ivans, closed].map((d) => belongsTo('common', d, 1, false))).toEqual([false, false, true, false]);
    expect(belongsTo('mine', mine, 1, true)).toBe(false);
    expect(belongsTo('mine', mine, 1, undefined)).toBeUndefined();
    expect(belongsTo('archive', closed, 1, false)).toBe(true);
    expect(belongsTo('important', closed, 1, false)).toBe(true);
    expect(belongsTo('blocked', mine, 1, undefined)).toBeUndefined();
  });

  it('orders by the last message, newest first', () => {
    const older = dialog({ id: 'o', lastMessage: message({ id: 'm1', createdAt: '2026-03-01T10:00:00.000Z' }) });
    const newer = dialog({ id: 'n', lastMessage: null, createdAt: '2026-03-02T10:00:00.000Z' });
    expect([older, newer].sort(byLastActivity).map((d) => d.id)).toEqual(['n', 'o']);
  });
});
