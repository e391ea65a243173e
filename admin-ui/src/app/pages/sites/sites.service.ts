import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { InstallCode, Site } from '../../core/api.types';

/** Sites of the account and their widget install code (admin only). */
@Injectable({ providedIn: 'root' })
export class SitesService {
  private readonly http = inject(HttpClient);

  list(): Observable<Site[]> {
    return this.http.get<Site[]>('/api/sites');
  }

  create(name: string, url: string): Observable<Site> {
    return this.http.post<Site>('/api/sites', { name, url });
  }

  remove(siteId: string): Observable<void> {
    return this.http.delete<void>(`/api/sites/${encodeURIComponent(siteId)}`);
  }

  installCode(siteId: string): Observable<InstallCode> {
    return this.http.get<InstallCode>(`/api/sites/${encodeURIComponent(siteId)}/install-code`);
  }
}
