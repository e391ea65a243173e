import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type Type, input } from '@angular/core';
import type { SlotEntry } from '../core/plugin-slots.service';

/**
 * Draws one plugin's slot entry (a visitor card section, a badge, a message renderer, a floating
 * window) with the host's context as inputs, under the plugin's own injector: the component sees
 * the plugin's services, not the host's internals.
 */
@Component({
  selector: 'cp-plugin-slot',
  imports: [NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-plugin]': 'entry().pluginId', style: 'display: contents' },
  template: `<ng-container *ngComponentOutlet="entry().value.component; inputs: inputs(); injector: entry().injector" />`,
})
export class PluginSlot {
  readonly entry = input.required<SlotEntry<{ readonly component: Type<unknown> }>>();
  readonly inputs = input<Record<string, unknown>>({});
}
