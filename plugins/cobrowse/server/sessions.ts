import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { HttpError, type Actor, type CallpyEvents } from '../../../core/src/index.js';
import type { ChatService } from '../../chat/shared/chat.services.js';
import { type COBROWSE_DURABLE_EVENTS, type CobrowseEventBase } from '../shared/cobrowse.events.js';
import type { CobrowseEndReason, CobrowseEvent, CobrowseRequestDto, CobrowseSessionDto, CobrowseState } from '../shared/cobrowse.protocol.js';
import type { CobrowseContext } from './cobrowse.context.js';
import { FULL_SNAPSHOT, sizeOf } from './frames.js';

type Member = Extract<Actor, { kind: 'user' }>;
type Visitor = Extract<Actor, { kind: 'visitor' }>;
type CobrowseEventName = (typeof COBROWSE_DURABLE_EVENTS)[number];

interface Session {
  id: string;
  accountId: string;
  siteId: string;
  visitorId: string;
  dialogId: string;
  /** Who started it (the events' operator). */
  operatorId: number;
  state: CobrowseState;
  startedAt: number;
  liveAt: number | null;
  /** The observing panels' sockets. */
  operators: Set<string>;
  /** The tab whose events are relayed: the last one that sent a full snapshot (the one in front). */
  frontTab: string | null;
  /** The last full snapshot and the events since, for an operator who joins later; memory only. */
  buffer: CobrowseEvent[];
  bufferBytes: number;
  cancelLeave: (() => void) | null;
}

/** The panels observing a session hear it here; the visitor's pages in the core's `visitor:<id>`. */
export const sessionRoom = (sessionId: string) => `cobrowse:${sessionId}`;
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;

/**
 * The observation sessions (E1), in this process's memory only: nothing of one is kept after it
 * ends (the buffer goes with it). One session per visitor; a second operator joins it. The rooms
 * span core processes (Redis), the sessions do not: with several processes, a visitor's and the
 * operator's sockets must reach the same one (docs/cobrowse.md, «Limits»).
 */
export class CobrowseSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly byVisitor = new Map<string, string>();

  constructor(
    private readonly ctx: CobrowseContext,
    private readonly chat: ChatService,
    private readonly ns: Namespace,
  ) {}

  /** An operator asks to observe the visitor of a dialog of their account, who must have a page open. */
  async start(actor: Member, socket: Socket, dialogId: string): Promise<CobrowseSessionDto> {
    // Another account's dialog reads as none (no hint that it exists).
    const dialog = await this.chat.getDialog(actor.accountId, dialogId);
    if (!dialog) throw new HttpError(404, 'cobrowse_dialog_not_found', 'No such dialog');
    if (!(await this.visitorOnline(dialog.visitorId))) throw new HttpError(409, 'cobrowse_visitor_offline', 'The visitor has no page of the site open');
    const existing = this.forVisitor(dialog.visitorId);
    if (existing) {
      this.join(existing, socket);
      // The late operator starts from the buffer; the front tab adds a fresh snapshot if it has none.
      if (existing.state === 'live') {
        if (existing.buffer.length) socket.emit('cobrowse.frames', { sessionId: existing.id, events: existing.buffer });
        else this.ns.to(visitorRoom(existing.visitorId)).emit('cobrowse.snapshot', { sessionId: existing.id });
      }
      return this.dto(existing);
    }
    const asked = this.ctx.settings.site(dialog.siteId).askConsent;
    const session: Session = {
      id: randomUUID(),
      accountId: actor.accountId,
      siteId: dialog.siteId,
      visitorId: dialog.visitorId,
      dialogId: dialog.id,
      operatorId: actor.userId,
      state: asked ? 'asking' : 'live',
      startedAt: this.ctx.clock.now(),
      liveAt: asked ? null : this.ctx.clock.now(),
      operators: new Set(),
      frontTab: null,
      buffer: [],
      bufferBytes: 0,
      cancelLeave: null,
    };
    this.sessions.set(session.id, session);
    this.byVisitor.set(session.visitorId, session.id);
    this.join(session, socket);
    await this.record('cobrowse.session.requested', session, { asked });
    this.ns.to(visitorRoom(session.visitorId)).emit('cobrowse.request', this.request(session));
    return this.dto(session);
  }

  /** The operator's panel stops observing; the last one to stop ends the session. */
  async stop(actor: Member, socket: Socket, sessionId: string): Promise<null> {
    const session = this.sessions.get(sessionId);
    if (!session || session.accountId !== actor.accountId || !session.operators.has(socket.id)) throw notFound();
    await this.leave(session, socket.id);
    return null;
  }

  /** A panel's socket went: as if it stopped. */
  async socketGone(socketId: string): Promise<void> {
    for (const session of [...this.sessions.values()]) if (session.operators.has(socketId)) await this.leave(session, socketId);
  }

  /** What a visitor's page asks on (re)connection: a session under way continues on this page. */
  mine(visitor: Visitor): CobrowseRequestDto | null {
    const session = this.forVisitor(visitor.visitorId);
    if (!session) return null;
    session.cancelLeave?.();
    session.cancelLeave = null;
    return this.request(session);
  }

  async answer(visitor: Visitor, sessionId: string, allow: boolean): Promise<null> {
    const session = this.ofVisitor(visitor, sessionId);
    if (session.state === 'live') return null; // another tab answered first
    if (!allow) {
      await this.record('cobrowse.session.refused', session, {});
      await this.end(session, 'refused');
      return null;
    }
    session.state = 'live';
    session.liveAt = this.ctx.clock.now();
    await this.record('cobrowse.session.allowed', session, {});
    this.ns.to(sessionRoom(session.id)).emit('cobrowse.state', this.dto(session));
    this.ns.to(visitorRoom(session.visitorId)).emit('cobrowse.request', this.request(session));
    return null;
  }

  /** The visitor stops being observed (the widget's banner). */
  async endByVisitor(visitor: Visitor, sessionId: string): Promise<null> {
    await this.end(this.ofVisitor(visitor, sessionId), 'stopped_by_visitor');
    return null;
  }

  /** A decoded batch of a tab: relayed to the observing panels if the tab is the one in front. */
  frames(visitor: Visitor, sessionId: string, tab: string, events: CobrowseEvent[]): null {
    const session = this.ofVisitor(visitor, sessionId);
    if (session.state !== 'live') throw new HttpError(409, 'cobrowse_not_live', 'The visitor has not allowed observation');
    const snapshotAt = events.findIndex((e) => e.type === FULL_SNAPSHOT);
    if (snapshotAt >= 0) {
      // A tab that came to the front (or a new page) starts with Meta + FullSnapshot: it is shown from now on.
      session.frontTab = tab;
      session.buffer = [];
      session.bufferBytes = 0;
    } else if (tab !== session.frontTab) {
      return null; // a tab in the background that has not caught up yet
    }
    this.ns.to(sessionRoom(session.id)).emit('cobrowse.frames', { sessionId, events });
    this.keep(session, events);
    return null;
  }

  /** The visitor's pages were all closed: the session ends unless a page comes back within the grace. */
  visitorSocketGone(visitorId: string): void {
    const session = this.forVisitor(visitorId);
    if (!session) return;
    void this.visitorOnline(visitorId).then((online) => {
      if (online || session.cancelLeave || !this.sessions.has(session.id)) return;
      session.cancelLeave = this.ctx.clock.after(this.ctx.options.leaveGraceMs, () => {
        session.cancelLeave = null;
        void this.visitorOnline(visitorId).then((back) => (back ? undefined : this.end(session, 'visitor_left')));
      });
    });
  }

  async stopAll(): Promise<void> {
    for (const session of [...this.sessions.values()]) await this.end(session, 'stopped_by_operator');
  }

  private keep(session: Session, events: CobrowseEvent[]): void {
    session.buffer.push(...events);
    session.bufferBytes += sizeOf(events);
    if (session.bufferBytes <= this.ctx.options.maxBufferBytes) return;
    // Too much since the last snapshot: start over from a new one.
    session.buffer = [];
    session.bufferBytes = 0;
    session.frontTab = null;
    this.ns.to(visitorRoom(session.visitorId)).emit('cobrowse.snapshot', { sessionId: session.id });
  }

  private join(session: Session, socket: Socket): void {
    session.operators.add(socket.id);
    void socket.join(sessionRoom(session.id));
  }

  private async leave(session: Session, socketId: string): Promise<void> {
    session.operators.delete(socketId);
    this.ns.in(socketId).socketsLeave(sessionRoom(session.id));
    if (!session.operators.size) await this.end(session, 'stopped_by_operator');
  }

  private async end(session: Session, reason: CobrowseEndReason): Promise<void> {
    if (!this.sessions.delete(session.id)) return;
    if (this.byVisitor.get(session.visitorId) === session.id) this.byVisitor.delete(session.visitorId);
    session.cancelLeave?.();
    session.buffer = [];
    this.ns.to(sessionRoom(session.id)).emit('cobrowse.ended', { sessionId: session.id, reason });
    this.ns.to(visitorRoom(session.visitorId)).emit('cobrowse.ended', { sessionId: session.id });
    this.ns.in(sessionRoom(session.id)).socketsLeave(sessionRoom(session.id));
    const durationMs = session.liveAt === null ? 0 : this.ctx.clock.now() - session.liveAt;
    await this.record('cobrowse.session.ended', session, { reason, durationMs });
  }

  private ofVisitor(visitor: Visitor, sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    // Someone else's session reads as none.
    if (!session || session.visitorId !== visitor.visitorId || session.accountId !== visitor.accountId) throw notFound();
    return session;
  }

  private forVisitor(visitorId: string): Session | undefined {
    const id = this.byVisitor.get(visitorId);
    return id ? this.sessions.get(id) : undefined;
  }

  private async visitorOnline(visitorId: string): Promise<boolean> {
    return (await this.ns.in(visitorRoom(visitorId)).fetchSockets()).length > 0;
  }

  private record<N extends CobrowseEventName>(name: N, session: Session, extra: Omit<CallpyEvents[N], keyof CobrowseEventBase>): Promise<void> {
    const base: CobrowseEventBase = {
      accountId: session.accountId,
      siteId: session.siteId,
      sessionId: session.id,
      dialogId: session.dialogId,
      visitorId: session.visitorId,
      operatorId: session.operatorId,
      at: new Date(this.ctx.clock.now()).toISOString(),
    };
    return this.ctx.eventLog.append(name, { ...base, ...extra } as CallpyEvents[N]);
  }

  private dto(s: Session): CobrowseSessionDto {
    return { sessionId: s.id, visitorId: s.visitorId, dialogId: s.dialogId, state: s.state, startedAt: new Date(s.startedAt).toISOString() };
  }

  private request(s: Session): CobrowseRequestDto {
    return { sessionId: s.id, state: s.state };
  }
}

const notFound = () => new HttpError(404, 'cobrowse_not_found', 'No such observation, or it has ended');
