import type { Provider } from '@angular/core';
import { DIALOG_LIST_BADGES, NOTIFICATION_KINDS, VISITOR_CARD_SECTIONS, VISITOR_LIST_BADGES } from '../../../admin-ui/src/app/plugin-api';
import { GOALS_NOTIFY_KIND } from './goal-hits.store';
import { GoalBadges } from './goal-badges.component';
import { GoalsCardSection } from './goals-card-section.component';

const TITLE = { ru: 'Цели', en: 'Goals' } as const;

/** What goals puts into the chat workplace: list icons, the card's section, its notification switch. */
export const goalsSlots: Provider[] = [
  { provide: VISITOR_LIST_BADGES, multi: true, useValue: { id: 'goals', component: GoalBadges } },
  { provide: DIALOG_LIST_BADGES, multi: true, useValue: { id: 'goals', component: GoalBadges } },
  { provide: VISITOR_CARD_SECTIONS, multi: true, useValue: { id: 'goals', title: TITLE, component: GoalsCardSection } },
  { provide: NOTIFICATION_KINDS, multi: true, useValue: { id: GOALS_NOTIFY_KIND, label: TITLE } },
];
