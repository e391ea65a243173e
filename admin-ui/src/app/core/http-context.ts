import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Marks a request as public (no Bearer header, no refresh-and-retry on 401): sign-in, refresh,
 * password reset and invitation calls, whose 401/400 answers are meaningful to the caller.
 */
export const PUBLIC_API = new HttpContextToken<boolean>(() => false);

export function publicApi(): { context: HttpContext } {
  return { context: new HttpContext().set(PUBLIC_API, true) };
}
