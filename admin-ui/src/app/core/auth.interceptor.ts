import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { throwError } from 'rxjs';
import { catchError, switchMap } from 'rxjs/operators';
import { AuthService } from './auth.service';
import { PUBLIC_API } from './http-context';
import { I18nService } from './i18n.service';

function isApi(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

function withToken<T>(req: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/**
 * Adds `Accept-Language` (the UI language) to every API call and `Authorization: Bearer <accessToken>` to API calls. On a 401 it refreshes once (one refresh
 * shared by all parallel requests) and retries the request with the new token. When the refresh is
 * rejected the session ends and the router goes to /login; network or server errors during the
 * refresh are passed to the caller without signing the user out.
 */
export const authInterceptor: HttpInterceptorFn = (incoming, next) => {
  if (!isApi(incoming.url)) return next(incoming);
  // The UI language, so that the core can word its error messages (`error.message`) to match.
  const req = incoming.clone({ setHeaders: { 'Accept-Language': inject(I18nService).current() } });
  if (req.context.get(PUBLIC_API)) return next(req);
  const auth = inject(AuthService);
  const sentToken = auth.accessToken;

  return next(withToken(req, sentToken)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401) return throwError(() => err);

      // Another request already refreshed while this one was in flight: just retry with the new token.
      const current = auth.accessToken;
      const fresh$ =
        current && current !== sentToken
          ? next(withToken(req, current))
          : auth.refreshAccessToken().pipe(
              catchError((refreshErr: unknown) => {
                const rejected = refreshErr instanceof HttpErrorResponse && refreshErr.status >= 400 && refreshErr.status < 500;
                if (rejected) auth.endSession('expired');
                return throwError(() => err);
              }),
              switchMap((token) => next(withToken(req, token))),
            );
      return fresh$;
    }),
  );
};
