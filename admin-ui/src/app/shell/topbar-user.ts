import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth.service';
import { Icon } from '../shared/icon';

/**
 * The signed-in user at the right of the top bar — avatar, name, role — and the sign-out button;
 * the account's shell and the agency console's both show it. `profile`: the name opens the profile (A4).
 */
@Component({
  selector: 'cp-topbar-user',
  imports: [NgTemplateOutlet, RouterLink, RouterLinkActive, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './topbar-user.html',
  styleUrl: './topbar-user.css',
})
export class TopbarUser {
  readonly profile = input(false);
  protected readonly auth = inject(AuthService);

  protected readonly initials = computed(() => {
    const user = this.auth.user();
    if (!user) return '';
    const letters = (user.firstName[0] ?? '') + (user.lastName[0] ?? '');
    return letters || (user.email[0] ?? '?');
  });

  protected logout(): void {
    void this.auth.logout();
  }
}
