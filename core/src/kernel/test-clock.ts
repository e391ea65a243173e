import { timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { forbidden, notFound, parseOrThrow } from '../http/http-error.js';
import { systemClock, type Clock } from './clock.js';

interface Timer {
  at: number;
  fn: () => void;
  cancel: () => void;
}

/**
 * End-to-end tests only (TEST_CLOCK_TOKEN): the system's time moved by an offset the tests set,
 * so a licence's last days and its end are reached without waiting for them. Timers wait by this
 * clock's time: moving it re-arms them, and those now due fire at once.
 */
export class MovableClock implements Clock {
  private offset = 0;
  private readonly timers = new Set<Timer>();

  now(): number {
    return Date.now() + this.offset;
  }

  after(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.now() + Math.max(0, ms), fn, cancel: () => undefined };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      timer.cancel();
      this.timers.delete(timer);
    };
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Time from now on is the system's plus `offsetMs` (0: the system's again). */
  setOffset(offsetMs: number): void {
    this.offset = offsetMs;
    for (const timer of this.timers) {
      timer.cancel();
      this.arm(timer);
    }
  }

  private arm(timer: Timer): void {
    timer.cancel = systemClock.after(timer.at - this.now(), () => {
      this.timers.delete(timer);
      timer.fn();
    });
  }
}

const body = z.strictObject({
  /** The clock's time as an offset from the system's (ms), or the instant it shows now. */
  offsetMs: z.number().int().min(-(10 * 365 * 24 * 3600 * 1000)).max(10 * 365 * 24 * 3600 * 1000).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

/**
 * `POST /internal/test-clock` `{ offsetMs }` or `{ at }` → `{ now, offsetMs }`: mounted only when
 * TEST_CLOCK_TOKEN is set, and then answering only a loopback caller with that token as its bearer.
 */
export function testClockRoutes(clock: MovableClock, token: string): Router {
  const router = Router();
  const expected = Buffer.from(`Bearer ${token}`);
  router.post('/', express.json({ limit: '1kb' }), (req, res) => {
    const from = req.socket.remoteAddress ?? '';
    if (!ipaddr.isValid(from) || ipaddr.process(from).range() !== 'loopback') throw notFound('Not found');
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden('Wrong test clock token');
    const { offsetMs, at } = parseOrThrow(body, req.body);
    clock.setOffset(at !== undefined ? Date.parse(at) - Date.now() : (offsetMs ?? 0));
    res.json({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs });
  });
  return router;
}
