import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, input, output } from '@angular/core';

/**
 * A floating panel next to the button that opened it (the parent element is the anchor: give it
 * `position: relative`). The parent renders it only while open; it asks to close on Escape and on
 * a press outside the anchor, and moves focus into itself when it opens.
 */
@Component({
  selector: 'cp-chat-popover',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'dialog',
    '[attr.aria-label]': 'label()',
    '[class.up]': "placement() === 'top'",
    '[class.end]': "edge() === 'end'",
    '(document:pointerdown)': 'onOutside($event)',
    '(keydown.escape)': 'onEscape($event)',
  },
  styles: `
    :host { position: absolute; z-index: 30; top: calc(100% + .375rem); left: 0; min-width: 14rem; max-width: min(24rem, calc(100vw - 2rem));
      background: var(--surface); border: 1px solid var(--gray-200); border-radius: var(--radius); box-shadow: var(--shadow-md), 0 0 0 1px rgba(15,23,42,.02);
      animation: pop .12s ease-out; }
    :host(.up) { top: auto; bottom: calc(100% + .375rem); }
    :host(.end) { left: auto; right: 0; }
    @keyframes pop { from { opacity: 0; transform: translateY(4px); } }
  `,
  template: `<ng-content />`,
})
export class ChatPopover {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly label = input('');
  readonly placement = input<'top' | 'bottom'>('bottom');
  /** Which edge of the anchor the panel lines up with (not `align`: browsers read that attribute as text alignment). */
  readonly edge = input<'start' | 'end'>('start');
  readonly closed = output<void>();

  constructor() {
    afterNextRender(() => {
      const first = this.host.nativeElement.querySelector<HTMLElement>('[autofocus], input, textarea, button:not([disabled])');
      first?.focus();
    });
  }

  protected onOutside(event: PointerEvent): void {
    const anchor = this.host.nativeElement.parentElement ?? this.host.nativeElement;
    if (event.target instanceof Node && !anchor.contains(event.target)) this.closed.emit();
  }

  protected onEscape(event: Event): void {
    event.stopPropagation();
    this.closed.emit();
    this.host.nativeElement.parentElement?.querySelector<HTMLElement>('button')?.focus();
  }
}
