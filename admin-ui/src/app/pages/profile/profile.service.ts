import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { map, tap } from 'rxjs/operators';
import type { AuthResponse, User } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { TokenStorage } from '../../core/token-storage';

export interface ProfileChanges {
  firstName: string;
  lastName: string;
  phone: string;
}

/** The signed-in user's own profile (A4); every answer also refreshes the session's user. */
@Injectable({ providedIn: 'root' })
export class ProfileService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly tokens = inject(TokenStorage);

  load(): Observable<User> {
    return this.http.get<User>('/api/me/profile').pipe(tap((user) => this.auth.applyUser(user)));
  }

  save(changes: ProfileChanges): Observable<User> {
    return this.http.patch<User>('/api/me/profile', changes).pipe(tap((user) => this.auth.applyUser(user)));
  }

  /** The server ends every other session and answers with a fresh one for this panel. */
  changePassword(currentPassword: string, newPassword: string): Observable<User> {
    return this.http.post<AuthResponse>('/api/me/password', { currentPassword, newPassword }).pipe(
      tap((res) => {
        this.tokens.set(res.accessToken, res.refreshToken);
        this.auth.applyUser(res.user);
      }),
      map((res) => res.user),
    );
  }

  uploadAvatar(file: File): Observable<User> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<User>('/api/me/avatar', form).pipe(tap((user) => this.auth.applyUser(user)));
  }

  removeAvatar(): Observable<User> {
    return this.http.delete<User>('/api/me/avatar').pipe(tap((user) => this.auth.applyUser(user)));
  }
}
