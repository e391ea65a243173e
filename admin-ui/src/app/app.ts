import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Toaster } from './shared/toaster';

@Component({
  selector: 'cp-root',
  imports: [RouterOutlet, Toaster],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<router-outlet /><cp-toaster />`,
})
export class App {}
