import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ClientPlugin, ClientView, NewClient, SupportSession } from '../../core/api.types';

/** The agency console's API (/api/agency, agency staff only): clients, a new client, plugins per client. */
@Injectable({ providedIn: 'root' })
export class AgencyService {
  private readonly http = inject(HttpClient);

  clients(): Observable<ClientView[]> {
    return this.http.get<ClientView[]>('/api/agency/clients');
  }

  create(request: NewClient): Observable<ClientView> {
    return this.http.post<ClientView>('/api/agency/clients', request);
  }

  plugins(clientId: string): Observable<ClientPlugin[]> {
    return this.http.get<ClientPlugin[]>(`/api/agency/clients/${encodeURIComponent(clientId)}/plugins`);
  }

  setPlugin(clientId: string, pluginId: string, enabled: boolean): Observable<ClientPlugin[]> {
    return this.http.put<ClientPlugin[]>(`/api/agency/clients/${encodeURIComponent(clientId)}/plugins/${encodeURIComponent(pluginId)}`, { enabled });
  }

  /** Issue 15: a read-only visit to the client's panel, recorded in the client's access log. */
  startSupport(clientId: string): Observable<SupportSession> {
    return this.http.post<SupportSession>(`/api/agency/clients/${encodeURIComponent(clientId)}/support`, {});
  }
}
