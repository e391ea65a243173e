import { Directive, ElementRef, effect, inject, input } from '@angular/core';

/**
 * Plays a MediaStream in a `<video>`/`<audio>` element: `srcObject` is not an attribute, so it is
 * set here, with the speaker's volume and output device (`setSinkId`, where the browser has it).
 */
@Directive({ selector: 'video[cpMediaStream], audio[cpMediaStream]' })
export class MediaStreamDirective {
  readonly cpMediaStream = input<MediaStream | null>(null);
  readonly volume = input(1);
  readonly sinkId = input<string | null>(null);
  private readonly element = inject<ElementRef<HTMLMediaElement>>(ElementRef).nativeElement;

  constructor() {
    effect(() => {
      const stream = this.cpMediaStream();
      if (this.element.srcObject !== stream) {
        this.element.srcObject = stream;
        if (stream) this.element.play().catch(() => undefined);
      }
    });
    effect(() => {
      this.element.volume = Math.min(1, Math.max(0, this.volume()));
    });
    effect(() => {
      const id = this.sinkId();
      const media = this.element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
      if (id !== null && media.setSinkId) media.setSinkId(id).catch(() => undefined);
    });
  }
}
