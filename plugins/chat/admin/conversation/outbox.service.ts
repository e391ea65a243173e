import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { type AttachmentDto, CHAT_LIMITS, type MessageDto } from '../../shared/chat.protocol';
import { ChatSocket } from '../background/chat-socket.service';
import { newClientId } from '../background/chat-wire';

/** An operator's message the server has not acknowledged yet. */
export interface OutgoingMessage {
  clientId: string;
  dialogId: string;
  text: string;
  attachments: AttachmentDto[];
  createdAt: string;
  /** `sending` until acknowledged; `error` when the server refused it or did not answer in time. */
  state: 'sending' | 'error';
  /** The server's refusal, when it refused (empty when it just did not answer). */
  error: string;
}

/**
 * C8 delivery of the operator's messages. Each message gets a clientId and stays here until the
 * server acknowledges it; one not acknowledged within `CHAT_LIMITS.ackTimeoutMs` is marked as an
 * error, and a click on the mark sends it again with the same clientId (the server stores a clientId
 * once, so a repeat never duplicates). Messages go out one at a time, in order, so the dialog keeps
 * the order they were written in; a late acknowledgement still counts. After a reconnect everything
 * still here goes out again — the outbox lives as long as the chat page, not the socket.
 */
@Injectable()
export class ChatOutbox {
  private readonly socket = inject(ChatSocket);
  private readonly entries = signal<readonly OutgoingMessage[]>([]);
  readonly messages = this.entries.asReadonly();

  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** clientIds waiting for their turn on the wire. */
  private readonly due: string[] = [];
  /** The send on the wire now; its slot frees the line if the acknowledgement never comes. */
  private inFlight: { clientId: string; slot: ReturnType<typeof setTimeout> } | null = null;
  private readonly storedListeners: ((message: MessageDto) => void)[] = [];

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const timer of this.timers.values()) clearTimeout(timer);
    });
  }

  /** Called with every acknowledged message, before it leaves the outbox (so it never blinks out). */
  onStored(listener: (message: MessageDto) => void): void {
    this.storedListeners.push(listener);
  }

  send(dialogId: string, text: string, attachments: AttachmentDto[] = []): OutgoingMessage {
    const entry: OutgoingMessage = {
      clientId: newClientId(),
      dialogId,
      text,
      attachments,
      createdAt: new Date().toISOString(),
      state: 'sending',
      error: '',
    };
    this.entries.update((list) => [...list, entry]);
    this.queue(entry.clientId);
    return entry;
  }

  /** A click on the error mark: the same message, the same clientId, now. */
  resend(clientId: string): void {
    if (!this.find(clientId)) return;
    this.patch(clientId, { state: 'sending', error: '' });
    if (this.due.includes(clientId)) this.armTimer(clientId);
    else this.queue(clientId);
  }

  /** After a reconnect: every message still here goes out again, in order. */
  flush(): void {
    // A send of the earlier connection may still be answered (and then counts), but no longer holds the line.
    if (this.inFlight) clearTimeout(this.inFlight.slot);
    this.inFlight = null;
    this.due.length = 0;
    for (const entry of this.entries()) {
      this.patch(entry.clientId, { state: 'sending', error: '' });
      this.armTimer(entry.clientId);
      this.due.push(entry.clientId);
    }
    this.pump();
  }

  private queue(clientId: string): void {
    this.armTimer(clientId);
    this.due.push(clientId);
    this.pump();
  }

  private armTimer(clientId: string): void {
    clearTimeout(this.timers.get(clientId));
    this.timers.set(
      clientId,
      setTimeout(() => this.patch(clientId, { state: 'error' }), CHAT_LIMITS.ackTimeoutMs),
    );
  }

  private pump(): void {
    if (this.inFlight || !this.socket.connected) return;
    const clientId = this.due.shift();
    const entry = clientId ? this.find(clientId) : undefined;
    if (!entry) return;
    const flight = { clientId: entry.clientId, slot: setTimeout(() => this.land(flight), CHAT_LIMITS.ackTimeoutMs) };
    this.inFlight = flight;
    const payload = {
      dialogId: entry.dialogId,
      clientId: entry.clientId,
      text: entry.text,
      ...(entry.attachments.length ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
    };
    const sent = this.socket.emit('message.send', payload, (result) => {
      if (result.ok) this.stored(entry.clientId, result.data);
      else this.refused(entry.clientId, result.error.message);
      this.land(flight);
    });
    if (!sent) {
      // Disconnected after all: it goes out with flush() on reconnect.
      this.due.unshift(entry.clientId);
      clearTimeout(flight.slot);
      this.inFlight = null;
    }
  }

  /** A send is over (answered, or its slot ran out): the next message may go. */
  private land(flight: { clientId: string; slot: ReturnType<typeof setTimeout> }): void {
    clearTimeout(flight.slot);
    if (this.inFlight !== flight) return;
    this.inFlight = null;
    this.pump();
  }

  private stored(clientId: string, message: MessageDto): void {
    for (const listener of this.storedListeners) listener(message);
    clearTimeout(this.timers.get(clientId));
    this.timers.delete(clientId);
    const index = this.due.indexOf(clientId);
    if (index >= 0) this.due.splice(index, 1);
    this.entries.update((list) => list.filter((e) => e.clientId !== clientId));
  }

  private refused(clientId: string, message: string): void {
    clearTimeout(this.timers.get(clientId));
    this.timers.delete(clientId);
    this.patch(clientId, { state: 'error', error: message });
  }

  private find(clientId: string): OutgoingMessage | undefined {
    return this.entries().find((e) => e.clientId === clientId);
  }

  private patch(clientId: string, changes: Partial<Pick<OutgoingMessage, 'state' | 'error'>>): void {
    this.entries.update((list) => list.map((e) => (e.clientId === clientId ? { ...e, ...changes } : e)));
  }
}
