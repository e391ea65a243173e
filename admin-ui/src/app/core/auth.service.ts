import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { type Observable, firstValueFrom, from, of, throwError } from 'rxjs';
import { finalize, map, shareReplay, tap } from 'rxjs/operators';
import type { AuthResponse, Invitation, Locale, User } from './api.types';
import { publicApi } from './http-context';
import { I18nService } from './i18n.service';
import { TokenStorage } from './token-storage';

/** Why the user was sent back to the sign-in page; the login page shows a matching notice. */
export type SignOutReason = 'expired' | 'revoked';

export interface ProfilePatch {
  locale?: Locale;
  firstName?: string;
  lastName?: string;
  phone?: string;
}

/**
 * Session state of the panel: who is signed in, the tokens, and the single shared refresh.
 * The HTTP interceptor adds the Bearer header and calls {@link refreshAccessToken} on 401.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly tokens = inject(TokenStorage);
  private readonly i18n = inject(I18nService);

  private readonly currentUser = signal<User | null>(null);
  readonly user = this.currentUser.asReadonly();
  /** A support visit (issue 15) sees what the account's admin sees, read-only: the server refuses its writes. */
  readonly isAdmin = computed(() => this.currentUser()?.role === 'admin' || this.currentUser()?.role === 'support');
  /** Agency staff: the agency console (pages/agency), never an account's pages. */
  readonly isStaff = computed(() => this.currentUser()?.role === 'agency');
  /** Agency staff in a client's panel for support, read-only (issue 15): writing controls are disabled. */
  readonly isSupport = computed(() => this.currentUser()?.role === 'support');
  readonly displayName = computed(() => {
    const user = this.currentUser();
    if (!user) return '';
    const full = `${user.firstName} ${user.lastName}`.trim();
    return full || user.email;
  });

  /** A notice for the sign-in page (set when the session ended without the user asking). */
  readonly signOutReason = signal<SignOutReason | null>(null);

  private refreshInFlight: Observable<string> | null = null;
  /**
   * Bumped whenever a session starts or ends, so that answers of requests sent during an earlier
   * session (a PATCH /api/me or a refresh still in flight while the user signs out) are ignored
   * instead of bringing that session back.
   */
  private epoch = 0;
  /** The panel language's writes, in order (changeLocale). */
  private localeWrite: Promise<unknown> | null = null;
  private localeWrites = 0;
  private sessionRestore: Promise<User | null> | null = null;

  get accessToken(): string | null {
    return this.tokens.accessToken;
  }

  /** This tab's support visit: until when, which client (null outside one). */
  get supportVisit() {
    return this.tokens.support;
  }

  /**
   * Leaves a support visit: this tab's visit token goes, the staff member's own session (kept
   * apart) takes the tab back to the agency console. A full load, so nothing of the client stays.
   */
  exitSupport(): void {
    this.clearSession();
    window.location.assign('/agency/clients');
  }

  login(email: string, password: string): Observable<User> {
    return this.http
      .post<AuthResponse>('/api/auth/login', { email, password }, publicApi())
      .pipe(map((res) => this.startSession(res)));
  }

  acceptInvitation(token: string, password: string, firstName: string, lastName: string): Observable<User> {
    return this.http
      .post<AuthResponse>('/api/auth/accept-invitation', { token, password, firstName, lastName }, publicApi())
      .pipe(map((res) => this.startSession(res)));
  }

  getInvitation(token: string): Observable<Invitation> {
    return this.http.get<Invitation>(`/api/auth/invitations/${encodeURIComponent(token)}`, publicApi());
  }

  forgotPassword(email: string): Observable<void> {
    return this.http.post<void>('/api/auth/forgot-password', { email }, publicApi());
  }

  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/auth/reset-password', { token, password }, publicApi());
  }

  /**
   * Resolves the signed-in user for guards: the cached user, or GET /api/me when tokens exist
   * (which may refresh through the interceptor). Concurrent callers share one request.
   */
  ensureSession(): Promise<User | null> {
    const user = this.currentUser();
    if (user) return Promise.resolve(user);
    if (!this.tokens.accessToken && !this.tokens.refreshToken) return Promise.resolve(null);
    const epoch = this.epoch;
    this.sessionRestore ??= firstValueFrom(this.http.get<User>('/api/me'))
      .then((me) => {
        if (epoch !== this.epoch) return this.currentUser();
        this.setUser(me);
        return me;
      })
      .catch(() => {
        // Either refresh failed (the interceptor already cleared the session) or the API is unreachable:
        // both mean "not signed in" for routing purposes; the tokens are kept in the latter case.
        return null;
      })
      .finally(() => {
        this.sessionRestore = null;
      });
    return this.sessionRestore;
  }

  /**
   * Exchanges the refresh token for a new pair. Parallel callers share the same in-flight request,
   * because the refresh token rotates and a second concurrent refresh would be rejected.
   */
  refreshAccessToken(): Observable<string> {
    if (this.refreshInFlight) return this.refreshInFlight;
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) {
      return throwError(() => new HttpErrorResponse({ status: 401, statusText: 'No refresh token', url: '/api/auth/refresh' }));
    }
    const epoch = this.epoch;
    this.refreshInFlight = this.http.post<AuthResponse>('/api/auth/refresh', { refreshToken }, publicApi()).pipe(
      tap((res) => {
        // Signed out (or in as someone else) meanwhile: drop these tokens, and don't end the current session.
        if (epoch !== this.epoch) throw new Error('Session changed during refresh');
        this.tokens.set(res.accessToken, res.refreshToken);
        // Keep the UI language as it is: a refresh is not a sign-in.
        this.setUser(res.user, false);
      }),
      map((res) => res.accessToken),
      finalize(() => {
        this.refreshInFlight = null;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** Signs out on the user's request: revokes the refresh token (best effort) and leaves the panel. */
  async logout(): Promise<void> {
    if (this.isSupport()) return this.exitSupport();
    const refreshToken = this.tokens.refreshToken;
    this.clearSession();
    if (refreshToken) {
      try {
        await firstValueFrom(this.http.post<void>('/api/auth/logout', { refreshToken }, publicApi()));
      } catch {
        /* the tokens are gone locally either way */
      }
    }
    await this.router.navigateByUrl('/login');
  }

  /** Ends the session without the user asking (refresh failed, revoked from elsewhere). */
  endSession(reason: SignOutReason): void {
    // A support visit ends with its token (no refresh): back to the console.
    if (this.tokens.support) return this.exitSupport();
    const wasSignedIn = this.currentUser() !== null || this.tokens.refreshToken !== null;
    this.clearSession();
    if (wasSignedIn) this.signOutReason.set(reason);
    void this.router.navigateByUrl('/login');
  }

  /** Switches the UI language now and remembers it for the user (PATCH /api/me). */
  changeLocale(locale: Locale): Observable<User | null> {
    this.i18n.use(locale);
    // A support visit writes nothing, the staff member's own language included.
    if (!this.currentUser() || this.isSupport()) return of(this.currentUser());
    // One write at a time, the last click's answer applied: RU → EN → RU quickly must end in RU,
    // on the server too (two PATCHes in flight could be stored, and answered, in either order).
    const seq = ++this.localeWrites;
    const run = () => firstValueFrom(this.http.patch<User>('/api/me', { locale }));
    const write = this.localeWrite ? this.localeWrite.then(run, run) : run();
    const settled: Promise<unknown> = write.catch(() => undefined).finally(() => {
      if (this.localeWrite === settled) this.localeWrite = null;
    });
    this.localeWrite = settled;
    const epoch = this.epoch;
    return from(write).pipe(
      tap((user) => {
        if (epoch === this.epoch && seq === this.localeWrites) this.setUser(user, false);
      }),
    );
  }

  updateProfile(patch: ProfilePatch): Observable<User> {
    const epoch = this.epoch;
    return this.http.patch<User>('/api/me', patch).pipe(
      tap((user) => {
        if (epoch === this.epoch) this.setUser(user, false);
      }),
    );
  }

  /** Takes the signed-in user as another call answered it (profile page: avatar, names). */
  applyUser(user: User): void {
    if (this.currentUser()?.id === user.id) this.setUser(user, false);
  }

  private startSession(res: AuthResponse): User {
    this.epoch++;
    this.tokens.set(res.accessToken, res.refreshToken);
    this.signOutReason.set(null);
    this.setUser(res.user);
    return res.user;
  }

  /** @param applyLocale whether the user's saved locale should become the UI language. */
  private setUser(user: User, applyLocale = true): void {
    this.currentUser.set(user);
    if (applyLocale && user.locale !== this.i18n.current()) this.i18n.use(user.locale);
  }

  private clearSession(): void {
    this.epoch++;
    this.tokens.clear();
    this.currentUser.set(null);
    this.refreshInFlight = null;
  }
}
