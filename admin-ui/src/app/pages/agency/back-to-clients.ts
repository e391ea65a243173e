import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { Icon } from '../../shared/icon';

/** The way back to «Клиенты» above a client's pages. */
@Component({
  selector: 'cp-back-to-clients',
  imports: [RouterLink, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    a { display: inline-flex; align-items: center; gap: .25rem; margin-bottom: .5rem; font-size: .8125rem; color: var(--gray-500); }
    a:hover { color: var(--primary-600); }
    cp-icon { transform: rotate(90deg); }
  `,
  template: `<a routerLink="/agency/clients" data-testid="back-to-clients"><cp-icon name="chevron" /> {{ 'agency.clients.title' | translate }}</a>`,
})
export class BackToClients {}
