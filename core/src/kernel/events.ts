/**
 * The typed event map. Plugins add their events from their `shared/` folder by augmenting this
 * interface (`declare module '@callpy/core/kernel' …`), so a publisher and every subscriber agree
 * on the payload at compile time. Names read `<plugin>.<entity>.<pastTense>`.
 */
export interface CallpyEvents {
  'core.site.created': { accountId: string; siteId: string; url: string };
  'core.user.invited': { accountId: string; userId: number; email: string };
  'core.user.disconnected': { accountId: string; userId: number };
}

export type EventName = keyof CallpyEvents;
export type EventHandler<N extends EventName> = (payload: CallpyEvents[N]) => void | Promise<void>;
