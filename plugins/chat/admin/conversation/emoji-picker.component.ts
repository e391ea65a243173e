import { ChangeDetectionStrategy, Component, output } from '@angular/core';

/** Emoji an operator answers with most; a plain grid of characters, no images or library. */
const EMOJI = [
  '😊', '🙂', '😉', '😀', '😄', '😁', '😅', '😂', '🤗', '🤔', '😌', '😍', '🥳', '😎', '🙏', '👍',
  '👌', '👏', '🙌', '💪', '👋', '🤝', '✌️', '☝️', '❤️', '🔥', '⭐', '✨', '🎉', '🎁', '✅', '❗',
  '❓', '💡', '📌', '📎', '📦', '🚚', '💳', '🛒', '💰', '🧾', '📞', '📧', '📅', '⏰', '🕐', '🏠',
  '😔', '😢', '😮', '😬', '🙈', '🤷', '👀', '💬', '☕', '🌞', '🌧️', '❄️', '🚀', '💯', '🆗', '👇',
] as const;

const COLUMNS = 8;

/** C7 emoji: a grid; arrow keys move, Enter picks, Esc closes (the popover). */
@Component({
  selector: 'cp-emoji-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: grid; grid-template-columns: repeat(8, 2.125rem); gap: 2px; padding: .5rem; }
    button { all: unset; display: grid; place-items: center; width: 2.125rem; height: 2.125rem; border-radius: 7px; font-size: 1.25rem; cursor: pointer; }
    button:hover, button:focus-visible { background: var(--gray-100); outline: none; }
    button:focus-visible { box-shadow: 0 0 0 2px var(--primary-400); }
  `,
  host: { role: 'group', '(keydown)': 'move($event)' },
  template: `
    @for (emoji of emoji; track emoji; let i = $index) {
      <button type="button" [attr.tabindex]="i === 0 ? 0 : -1" [attr.aria-label]="emoji" (click)="picked.emit(emoji)">{{ emoji }}</button>
    }
  `,
})
export class EmojiPicker {
  protected readonly emoji = EMOJI;
  readonly picked = output<string>();

  protected move(event: KeyboardEvent): void {
    const step = ({ ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS } as Record<string, number>)[event.key];
    const current = event.target as HTMLElement;
    const buttons = [...(current.parentElement?.children ?? [])] as HTMLElement[];
    const index = buttons.indexOf(current);
    if (!step || index < 0) return;
    event.preventDefault();
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, index + step))];
    buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
    next?.focus();
  }
}
