import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastService } from './toast.service';

describe('ToastService', () => {
  let toasts: ToastService;
  beforeEach(() => {
    vi.useFakeTimers();
    toasts = TestBed.inject(ToastService);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the same message once however often it comes, for its full time after the last', () => {
    toasts.show('success', 'design.saved');
    vi.advanceTimersByTime(3000);
    toasts.show('success', 'design.saved');
    expect(toasts.toasts().map((t) => t.key)).toEqual(['design.saved']);
    vi.advanceTimersByTime(3000);
    expect(toasts.toasts()).toHaveLength(1);
    vi.advanceTimersByTime(1600);
    expect(toasts.toasts()).toHaveLength(0);
  });

  it('keeps different messages side by side, at most three', () => {
    toasts.show('success', 'a');
    toasts.show('error', 'a');
    toasts.show('success', 'b', { name: 'x' });
    toasts.show('success', 'b', { name: 'y' });
    expect(toasts.toasts().map((t) => `${t.kind} ${t.key} ${String(t.params?.['name'] ?? '')}`.trim())).toEqual(['error a', 'success b x', 'success b y']);
  });
});
