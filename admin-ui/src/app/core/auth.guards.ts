import { inject } from '@angular/core';
import { type CanMatchFn, type RedirectFunction, Router } from '@angular/router';
import { AuthService } from './auth.service';

/** The first page after sign-in: admins start at their sites, operators at the welcome page, agency staff at their clients. */
export function homePath(auth: AuthService): string {
  if (auth.isStaff()) return '/agency/clients';
  return auth.isAdmin() ? '/sites' : '/home';
}

/** The panel shell: only for a signed-in user (restores the session from stored tokens). */
export const authGuard: CanMatchFn = async (_route, segments) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.ensureSession();
  if (user) return true;
  const path = segments.map((s) => s.path).join('/');
  return router.createUrlTree(['/login'], path ? { queryParams: { returnUrl: '/' + path } } : {});
};

/** Only same-app paths are followed after sign-in (no open redirects to other origins). */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

/** Sign-in and forgot-password pages: a signed-in user goes straight to the panel. */
export const guestGuard: CanMatchFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.ensureSession();
  return user ? router.parseUrl(homePath(auth)) : true;
};

/** Admin-only pages (Sites, Team): operators are sent to their home page. */
export const adminGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return auth.isAdmin() ? true : router.parseUrl('/home');
};

/** The agency console: agency staff only; an account's users go to their own home page. */
export const staffGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.isStaff() ? true : inject(Router).parseUrl(homePath(auth));
};

/** An account's panel (the shell): agency staff, who belong to no account, go to their console. */
export const accountGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.isStaff() ? inject(Router).parseUrl(homePath(auth)) : true;
};

export const redirectHome: RedirectFunction = () => homePath(inject(AuthService));
