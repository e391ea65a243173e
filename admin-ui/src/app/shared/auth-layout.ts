import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { Icon } from './icon';
import { LangSwitch } from './lang-switch';

/** Frame of the pages outside the panel (sign-in, password reset, invitation): brand panel + card. */
@Component({
  selector: 'cp-auth-layout',
  imports: [TranslatePipe, LangSwitch, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-layout.css',
  template: `
    <div class="auth">
      <aside class="brand-panel">
        <div class="logo"><span class="mark" aria-hidden="true"></span> Callpy</div>
        <div class="pitch">
          <h2>{{ 'auth.pitch.title' | translate }}</h2>
          <p>{{ 'auth.pitch.text' | translate }}</p>
          <ul>
            <li><cp-icon name="bolt" /> {{ 'auth.pitch.point1' | translate }}</li>
            <li><cp-icon name="users" /> {{ 'auth.pitch.point2' | translate }}</li>
            <li><cp-icon name="lock" /> {{ 'auth.pitch.point3' | translate }}</li>
          </ul>
        </div>
        <p class="foot">{{ 'auth.pitch.foot' | translate }}</p>
      </aside>
      <main class="main">
        <div class="top">
          <div class="logo small"><span class="mark" aria-hidden="true"></span> Callpy</div>
          <cp-lang-switch />
        </div>
        <div class="card">
          <ng-content />
        </div>
      </main>
    </div>
  `,
})
export class AuthLayout {}
