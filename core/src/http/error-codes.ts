/**
 * Every `error.code` the core itself sends, in HTTP answers and socket acknowledgements. The
 * server's `message` is English and meant for logs and API users; the panel and the widget show a
 * text of their own for each code, in the user's language. core/test/unit/error-codes.test.ts
 * finds every code written in the server's source and fails when one is missing here or has no
 * Russian and English text, so a new code cannot reach the UI untranslated.
 */
export const CORE_ERROR_CODES = [
  // any request
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'plugin_disabled',
  'content_store_unavailable',
  'internal',
  'stopping',
  'forbidden_path',
  // a write from a support visit (issue 15)
  'read_only',
  // body-parser's refusals (`type` of its error), and the rest of them
  'entity.too.large',
  'entity.parse.failed',
  'bad_request',
  // sign-in, invitations, password reset
  'invalid_credentials',
  'invalid_token',
  'disconnected',
  'no_account',
  'wrong_password',
  // team
  'email_taken',
  'self_disconnect',
  'last_admin',
  'not_disconnected',
  // account limits a plugin sets (a licence's plan, A9)
  'seat_limit',
  'plugin_not_in_plan',
  'plugin_needs_plugin',
  // sites
  'site_exists',
  'site_address_taken',
  'name_taken',
  // uploads (avatar, logo)
  'file_missing',
  'upload_unreadable',
  'unsupported_type',
  'file_too_large',
  'logo_type',
  'logo_too_large',
  'logo_too_small',
  // the design page's preview over the site
  'preview_foreign_url',
  'preview_private_address',
  'preview_not_html',
  'preview_too_large',
  'preview_unreachable',
  // the widget's start
  'unknown_site',
  'origin_not_allowed',
] as const;

export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** The core's codes a visitor's widget can receive (the rest answer operators only). */
export const CORE_VISITOR_ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'plugin_disabled',
  'content_store_unavailable',
  'internal',
  'stopping',
  'entity.too.large',
  'entity.parse.failed',
  'bad_request',
  'file_missing',
  'upload_unreadable',
  'file_too_large',
  'unknown_site',
  'origin_not_allowed',
] as const satisfies readonly CoreErrorCode[];
