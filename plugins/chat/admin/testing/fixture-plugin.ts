import { ChangeDetectionStrategy, Component, type Provider, input } from '@angular/core';
import {
  DIALOG_LIST_BADGES,
  DIALOG_TOOLBAR_ACTIONS,
  type DialogContext,
  MESSAGE_RENDERERS,
  NOTIFICATION_KINDS,
  VISITOR_CARD_SECTIONS,
  VISITOR_LIST_BADGES,
  definePanelPlugin,
} from '../../../../admin-ui/src/app/plugin-api';

/** A plugin that puts one entry into each of the chat workplace's slots, for the slot specs. */

@Component({ selector: 'cp-fixture-section', changeDetection: ChangeDetectionStrategy.OnPush, template: `<p data-testid="fixture-section">visitor {{ visitorId() }} of {{ siteId() }}</p>` })
class FixtureSection {
  readonly visitorId = input.required<string>();
  readonly siteId = input.required<string>();
}

@Component({ selector: 'cp-fixture-badge', changeDetection: ChangeDetectionStrategy.OnPush, template: `<span data-testid="fixture-badge">★{{ visitorId() }}{{ dialogId() ? '/' + dialogId() : '' }}</span>` })
class FixtureBadge {
  readonly visitorId = input.required<string>();
  readonly dialogId = input<string>();
}

@Component({ selector: 'cp-fixture-message', changeDetection: ChangeDetectionStrategy.OnPush, template: `<strong data-testid="fixture-message">{{ title() }}</strong>` })
class FixtureMessage {
  readonly payload = input<unknown>();
  readonly text = input('');
  protected title(): string {
    const payload = this.payload() as { title?: unknown } | undefined;
    return typeof payload?.title === 'string' ? payload.title : this.text();
  }
}

export const fixtureRuns: { action: string; context: DialogContext }[] = [];

export const fixtureSlots: Provider[] = [
  { provide: VISITOR_CARD_SECTIONS, multi: true, useValue: { id: 'fixture', title: { ru: 'Фикстура', en: 'Fixture' }, component: FixtureSection } },
  { provide: VISITOR_LIST_BADGES, multi: true, useValue: { id: 'fixture', component: FixtureBadge } },
  { provide: DIALOG_LIST_BADGES, multi: true, useValue: { id: 'fixture', component: FixtureBadge } },
  { provide: MESSAGE_RENDERERS, multi: true, useValue: { kind: 'fixture.card', component: FixtureMessage } },
  { provide: NOTIFICATION_KINDS, multi: true, useValue: { id: 'fixture', label: { ru: 'Фикстура', en: 'Fixture' } } },
  ...(['primary', 'secondary'] as const).map((placement) => ({
    provide: DIALOG_TOOLBAR_ACTIONS,
    multi: true,
    useValue: {
      id: placement === 'primary' ? 'go' : 'pin',
      placement,
      icon: 'bolt',
      label: { ru: placement === 'primary' ? 'Вперёд' : 'Закрепляемое', en: placement === 'primary' ? 'Go' : 'Pinnable' },
      run: (context: DialogContext) => fixtureRuns.push({ action: placement, context }),
    },
  })),
];

export const fixturePlugin = definePanelPlugin({ id: 'fixture', slots: () => Promise.resolve(fixtureSlots) });
