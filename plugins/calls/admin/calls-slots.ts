import { type Provider, inject } from '@angular/core';
import { DIALOG_TOOLBAR_ACTIONS, type DialogToolbarAction, FLOATING_WINDOWS, MESSAGE_RENDERERS, NOTIFICATION_KINDS } from '../../../admin-ui/src/app/plugin-api';
import { CallLineMessage } from './call-line.component';
import { CallSession } from './call-session';
import { CallWindow } from './call-window.component';
import { CALLS_NOTIFY_KIND } from './calls.store';
import { RecordingLineMessage } from './recording-line.component';
import { RingingPopup } from './ringing-popup.component';

const TITLE = { ru: 'Звонки', en: 'Calls' } as const;

/** «Позвонить» (D1): the call window opens and offers how to call. */
function callAction(): DialogToolbarAction {
  const session = inject(CallSession);
  return { id: 'call', placement: 'primary', icon: 'call', label: { ru: 'Позвонить', en: 'Call' }, run: (context) => session.prepare(context) };
}

/** What calls puts into the panel: the toolbar's button, the pop-up and the window over every page, the call line and the recordings, the switch. */
export const callsSlots: Provider[] = [
  { provide: DIALOG_TOOLBAR_ACTIONS, multi: true, useFactory: callAction },
  { provide: FLOATING_WINDOWS, multi: true, useValue: { id: 'ringing', component: RingingPopup } },
  { provide: FLOATING_WINDOWS, multi: true, useValue: { id: 'call', component: CallWindow } },
  { provide: MESSAGE_RENDERERS, multi: true, useValue: { kind: 'calls.call', component: CallLineMessage } },
  { provide: MESSAGE_RENDERERS, multi: true, useValue: { kind: 'calls.recording', component: RecordingLineMessage } },
  { provide: NOTIFICATION_KINDS, multi: true, useValue: { id: CALLS_NOTIFY_KIND, label: TITLE } },
];
