import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * Calls' panel part (D1–D5, E6): the background that rings on any page, «Позвонить» in the dialog
 * toolbar, the ringing pop-up and the call window over every page, the call's line in the
 * conversation, and the «Звонки» notification switch.
 */
export default definePanelPlugin({
  id: 'calls',
  background: () => import('./calls-background').then((m) => m.callsBackground),
  slots: () => import('./calls-slots').then((m) => m.callsSlots),
  // D3: the page the hand-over QR code opens on the operator's phone (`/call/<token>`, no sign-in).
  // D4: the page a participant link opens for a guest without an account (`/call-guest/<token>`).
  linkPages: [
    { path: 'call', component: () => import('./phone-call.page').then((m) => m.PhoneCallPage) },
    { path: 'call-guest', component: () => import('./guest-call.page').then((m) => m.GuestCallPage) },
  ],
});
