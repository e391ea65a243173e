import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { agencyPages } from '../../core/agency-plugin-pages.routes';
import { AuthService } from '../../core/auth.service';
import { I18nService } from '../../core/i18n.service';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';
import { Icon } from '../../shared/icon';
import { LangSwitch } from '../../shared/lang-switch';
import { TopbarBrand } from '../../shell/topbar-brand';
import { TopbarUser } from '../../shell/topbar-user';

/**
 * The agency console's frame: the panel's top bar and side navigation (the shell's own styles),
 * with the agency's entries only: «Клиенты», then the installed plugins' console pages (manifest
 * `agencyPages`). Agency staff belong to no account, so nothing of an account's session runs
 * here: no realtime connection, no plugins' background parts.
 */
@Component({
  selector: 'cp-agency-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, Icon, LangSwitch, TopbarBrand, TopbarUser],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agency-shell.html',
  styleUrl: '../../shell/shell.css',
})
export class AgencyShell {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly pluginPages = agencyPages(inject(PANEL_PLUGIN_REGISTRY));
}
