import { describe, expect, it } from 'vitest';
import { CHAT_LIMITS, type PageView, type VisitorDto } from '../../shared/chat.protocol';
import { withPageView } from './chat-store';
import { visitor as visitorOf } from '../testing/chat-fixtures';

const view = (n: number, leftAt: string | null = null): PageView => ({ url: `https://shop.example/${n}`, title: `Page ${n}`, referrer: '', at: `2026-03-02T10:${String(n % 60).padStart(2, '0')}:00Z`, leftAt });

const visitor = (pages: PageView[]): VisitorDto => visitorOf({ id: 'v1', page: pages.at(-1) ?? null, pages, lastSeenAt: '2026-03-02T10:00:00Z' });

describe('visitor.pageViewed applied to a visitor the panel has', () => {
  it('appends the new view, ends the previous one there, and moves the current page', () => {
    const next = view(2);
    const moved = withPageView(visitor([view(0, '2026-03-02T10:00:30Z'), view(1)]), next, next.at);
    expect(moved.pages.map((p) => p.url)).toEqual([view(0).url, view(1).url, next.url]);
    expect(moved.pages[1]!.leftAt).toBe(next.at);
    expect(moved.pages[0]!.leftAt).toBe('2026-03-02T10:00:30Z');
    expect(moved.page).toEqual({ url: next.url, title: next.title, referrer: '' });
    expect(moved.lastSeenAt).toBe(next.at);
  });

  it('keeps the last pages as the server does', () => {
    const full = visitor(Array.from({ length: CHAT_LIMITS.pagesKept }, (_, n) => view(n, 'x')));
    const moved = withPageView(full, view(99), view(99).at);
    expect(moved.pages).toHaveLength(CHAT_LIMITS.pagesKept);
    expect(moved.pages[0]!.url).toBe(view(1).url);
    expect(moved.pages.at(-1)!.url).toBe(view(99).url);
  });
});
