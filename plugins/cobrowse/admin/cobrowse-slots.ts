import { type Provider, inject } from '@angular/core';
import { DIALOG_TOOLBAR_ACTIONS, type DialogToolbarAction, FLOATING_WINDOWS } from '../../../admin-ui/src/app/plugin-api';
import { ObserveSession } from './observe-session';
import { ObserveWindow } from './observe-window.component';

/** «Наблюдать» (E1): the observation view opens and asks the visitor (or starts, if the site asks nobody). */
function observeAction(): DialogToolbarAction {
  const session = inject(ObserveSession);
  return { id: 'observe', placement: 'primary', icon: 'eye', label: { ru: 'Наблюдать', en: 'Observe' }, run: (context) => void session.start(context) };
}

export const cobrowseSlots: Provider[] = [
  { provide: DIALOG_TOOLBAR_ACTIONS, multi: true, useFactory: observeAction },
  { provide: FLOATING_WINDOWS, multi: true, useValue: { id: 'observe', component: ObserveWindow } },
];
