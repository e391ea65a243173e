/**
 * users-permissions' own sign-in routes (/api/auth/local, /api/auth/local/register,
 * /api/connect/*, forgot/reset/change password, refresh, sessions…) are removed: the product
 * signs users in through the core, which checks passwords with its token-only route
 * POST /api/callpy/users/verify-password. Left on, /api/auth/local took panel passwords without
 * any rate limit and handed out 7-day tokens.
 */
export default (plugin: any) => {
  const contentApi = plugin.routes['content-api'];
  contentApi.routes = contentApi.routes.filter((route: { handler: string }) => !String(route.handler).startsWith('auth.'));
  return plugin;
};
