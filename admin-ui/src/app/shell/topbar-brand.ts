import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth.service';

/**
 * The left of the top bar — the Callpy mark, linking `home`, and the signed-in user's account (or
 * agency) name; the account's shell and the agency console's both show it.
 */
@Component({
  selector: 'cp-topbar-brand',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './topbar-brand.html',
  styleUrl: './topbar-brand.css',
})
export class TopbarBrand {
  readonly home = input.required<string>();
  protected readonly auth = inject(AuthService);
}
