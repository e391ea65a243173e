import { ApplicationRef, type ComponentRef, type EnvironmentInjector, type Type, createComponent } from '@angular/core';
import { TestBed } from '@angular/core/testing';

type Handler = (...args: unknown[]) => void;

/** A request the code under test sent, waiting for the test to answer it. */
export interface SentRequest {
  event: string;
  payload: unknown;
  ack: (response: unknown) => void;
}

/**
 * A plugin's namespace socket on the shell's connection (what `SOCKET_FACTORY` makes): the test
 * plays the server — `serve()` emits its events, `take()` picks up a request the code sent and
 * answers it — so a plugin's panel part runs its real code against a socket it fully controls.
 */
export class FakePluginSocket {
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: SentRequest[] = [];
  closed = false;
  constructor(readonly uri: string) {}
  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  off(event: string, handler: Handler): this {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
    return this;
  }
  /** From the server. */
  serve(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  timeout(): this {
    return this;
  }
  emit(event: string, payload: unknown, ack?: (err: Error | null, response: unknown) => void): this {
    this.sent.push({ event, payload, ack: (response) => ack?.(null, response) });
    return this;
  }
  /** The oldest unanswered request of `event`, taken off the list. */
  take(event: string): SentRequest {
    const i = this.sent.findIndex((s) => s.event === event);
    if (i < 0) throw new Error(`no ${event} sent; sent: ${this.sent.map((s) => s.event).join(', ')}`);
    return this.sent.splice(i, 1)[0]!;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  disconnect(): this {
    this.closed = true;
    return this;
  }
}

/** Lets promises, timers of 0 ms and change detection run a few rounds. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await TestBed.tick();
  }
}

/** A slot component as PluginSlot makes it: under the plugin's injector, in the page, change-detected. */
export function mountSlot<T>(type: Type<T>, injector: EnvironmentInjector, inputs: Record<string, unknown> = {}): ComponentRef<T> {
  const ref = createComponent(type, { environmentInjector: injector });
  for (const [name, value] of Object.entries(inputs)) ref.setInput(name, value);
  TestBed.inject(ApplicationRef).attachView(ref.hostView);
  document.body.appendChild(ref.location.nativeElement as HTMLElement);
  return ref;
}
