import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type CallIconName = 'mic' | 'mic-off' | 'video' | 'video-off' | 'screen' | 'hangup' | 'volume' | 'sliders' | 'minimise' | 'expand' | 'qr' | 'hand' | 'rec' | 'stop' | 'play' | 'user-plus';

/** The call window's own stroke icons (Lucide-style, 24×24), beside the panel's common set. */
@Component({
  selector: 'cp-call-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'cp-call-icon', 'aria-hidden': 'true' },
  styles: `
    :host { display: inline-flex; width: 1.25em; height: 1.25em; flex: none; }
    svg { width: 100%; height: 100%; }
  `,
  template: `
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      @switch (name()) {
        @case ('mic') { <rect x="9" y="2" width="6" height="12" rx="3"/><path d="M19 10v1a7 7 0 0 1-14 0v-1"/><path d="M12 18v4"/> }
        @case ('mic-off') { <path d="m2 2 20 20"/><path d="M15 9.34V5a3 3 0 0 0-5.68-1.33"/><path d="M9 9v2a3 3 0 0 0 5.12 2.12"/><path d="M19 10v1a7 7 0 0 1-.64 2.92"/><path d="M16.95 16.95A7 7 0 0 1 5 11v-1"/><path d="M12 18v4"/> }
        @case ('video') { <path d="m16 13 5.2 3.5a.5.5 0 0 0 .8-.4V7.9a.5.5 0 0 0-.8-.4L16 11"/><rect x="2" y="6" width="14" height="12" rx="2"/> }
        @case ('video-off') { <path d="M10.66 6H14a2 2 0 0 1 2 2v2.5l5.25-3.5a.5.5 0 0 1 .75.43v9.14"/><path d="M16 16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h2"/><path d="m2 2 20 20"/> }
        @case ('screen') { <rect x="2" y="3" width="20" height="14" rx="2"/><path d="M8 21h8"/><path d="M12 17v4"/><path d="m9 10 3-3 3 3"/><path d="M12 7v6"/> }
        @case ('hangup') { <path d="M10.7 13.3a16 16 0 0 0 3.4 2.5l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2v3a2 2 0 0 1-2.2 2A19.8 19.8 0 0 1 2 4.2 2 2 0 0 1 4 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.4 2.1L8 9.9"/><path d="m22 2-20 20"/> }
        @case ('volume') { <path d="M11 5 6 9H2v6h4l5 4z"/><path d="M15.5 8.5a5 5 0 0 1 0 7"/><path d="M19 5a10 10 0 0 1 0 14"/> }
        @case ('sliders') { <path d="M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6"/> }
        @case ('minimise') { <path d="M5 12h14"/> }
        @case ('expand') { <path d="M15 3h6v6"/><path d="M9 21H3v-6"/><path d="m21 3-7 7"/><path d="m3 21 7-7"/> }
        @case ('qr') { <rect x="3" y="3" width="7" height="7" rx="1"/><rect x="14" y="3" width="7" height="7" rx="1"/><rect x="3" y="14" width="7" height="7" rx="1"/><path d="M14 14h3v3h-3zM20 14v.01M14 20h.01M17 20h4v-3"/> }
        @case ('user-plus') { <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M19 8v6"/><path d="M22 11h-6"/> }
        @case ('rec') { <circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="4" fill="currentColor"/> }
        @case ('stop') { <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor"/> }
        @case ('play') { <path d="M7 4.5v15a.5.5 0 0 0 .77.42l11.5-7.5a.5.5 0 0 0 0-.84L7.77 4.08A.5.5 0 0 0 7 4.5z" fill="currentColor"/> }
        @case ('hand') { <path d="M18 11V6a2 2 0 0 0-4 0v5"/><path d="M14 10V4a2 2 0 0 0-4 0v6"/><path d="M10 10.5V6a2 2 0 0 0-4 0v8"/><path d="M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.86-5.99-2.34l-3.6-3.6a2 2 0 0 1 2.83-2.82L7 15"/> }
      }
    </svg>
  `,
})
export class CallIcon {
  readonly name = input.required<CallIconName>();
}
