import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { SiteSettings, SiteView } from '../../../../../core/src/sites/site-settings.contract';

export type { SiteSettings, SiteView } from '../../../../../core/src/sites/site-settings.contract';

/** /api/sites/:id — one site's settings (admins); docs/site-settings.md. */
@Injectable({ providedIn: 'root' })
export class SiteSettingsService {
  private readonly http = inject(HttpClient);

  get(siteId: string): Observable<SiteView> {
    return this.http.get<SiteView>(`/api/sites/${encodeURIComponent(siteId)}`);
  }

  save(siteId: string, settings: Partial<SiteSettings>): Observable<SiteView> {
    return this.http.patch<SiteView>(`/api/sites/${encodeURIComponent(siteId)}`, settings);
  }
}
