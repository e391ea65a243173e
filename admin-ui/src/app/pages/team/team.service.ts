import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { InviteRequest, Role, TeamMember } from '../../core/api.types';

/** The account's managers (operators) and admins (admin only). */
@Injectable({ providedIn: 'root' })
export class TeamService {
  private readonly http = inject(HttpClient);

  list(): Observable<TeamMember[]> {
    return this.http.get<TeamMember[]>('/api/team');
  }

  invite(request: InviteRequest): Observable<TeamMember> {
    return this.http.post<TeamMember>('/api/team/invitations', request);
  }

  changeRole(memberId: number, role: Role): Observable<TeamMember> {
    return this.http.patch<TeamMember>(`/api/team/${memberId}`, { role });
  }

  reconnect(memberId: number): Observable<TeamMember> {
    return this.http.post<TeamMember>(`/api/team/${memberId}/reconnect`, {});
  }

  disconnect(memberId: number): Observable<void> {
    return this.http.post<void>(`/api/team/${memberId}/disconnect`, {});
  }
}
