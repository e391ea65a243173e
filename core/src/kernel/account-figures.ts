import type { Localized } from './plugin.types.js';
import { createServiceRef, type ServiceRef } from './service-registry.js';

/** An account as a figure is counted for: its id and its time zone (a month starts there). */
export interface FigureAccount {
  id: string;
  timezone: string;
}

/**
 * A number a plugin tells about each client account where the agency lists its clients (the
 * console's «Клиенты»): the chat's dialogs this month, later a form's submissions. The core knows
 * no figure: the plugin gives its words and its counts.
 */
export interface AccountFigure {
  /** `<pluginId>.<name>`: the column's key. */
  id: string;
  title: Localized;
  /** The figure of each account asked for; one missing is 0. One call for the whole list. */
  values(accounts: readonly FigureAccount[], now: number): Promise<Map<string, number>>;
}

export interface AccountFigures {
  /** Returns what takes the figure back (a stopping plugin). */
  register(figure: AccountFigure): () => void;
}

export const accountFiguresRef: ServiceRef<AccountFigures> = createServiceRef<AccountFigures>('core.accountFigures');

/** A figure's value for one account, as the client list carries it. */
export interface FigureValue {
  id: string;
  title: Localized;
  value: number;
}

/** The core's side: every registered figure, asked together for the accounts of a list. */
export class AccountFigureRegistry implements AccountFigures {
  private readonly figures = new Map<string, AccountFigure>();

  register(figure: AccountFigure): () => void {
    this.figures.set(figure.id, figure);
    return () => this.figures.delete(figure.id);
  }

  async valuesFor(accounts: readonly FigureAccount[], now: number): Promise<Map<string, FigureValue[]>> {
    const figures = [...this.figures.values()];
    const counted = await Promise.all(figures.map((f) => f.values(accounts, now)));
    return new Map(accounts.map((a) => [a.id, figures.map((f, i) => ({ id: f.id, title: f.title, value: counted[i]!.get(a.id) ?? 0 }))]));
  }
}
