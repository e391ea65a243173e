import { DOCUMENT, Injectable, inject } from '@angular/core';

/**
 * Copies text to the clipboard. `navigator.clipboard` exists only in secure contexts (https or
 * localhost); a self-hosted panel opened over plain http on an IP falls back to selecting the
 * text and `document.execCommand('copy')`.
 */
@Injectable({ providedIn: 'root' })
export class ClipboardService {
  private readonly document = inject(DOCUMENT);

  async copy(text: string): Promise<boolean> {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (clipboard?.writeText) {
      try {
        await clipboard.writeText(text);
        return true;
      } catch {
        /* permission denied or not focused: try the legacy path */
      }
    }
    return this.legacyCopy(text);
  }

  private legacyCopy(text: string): boolean {
    const doc = this.document;
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    area.style.pointerEvents = 'none';
    doc.body.appendChild(area);
    const active = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    area.focus({ preventScroll: true });
    area.select();
    let ok = false;
    try {
      // Deprecated but still the only synchronous fallback outside secure contexts.
      ok = doc.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    active?.focus({ preventScroll: true });
    return ok;
  }
}
