/**
 * What the core tells the widget shell (widget/src/host/) beyond the session, on the visitor's one
 * connection. Types only, no imports: the widget imports this file too (widget/src/widget-api.ts).
 */

/** A plugin's widget part in the session (`POST /api/widget/session`) and in `plugins.changed`. */
export interface WidgetPluginPart {
  id: string;
  /** Its first stage, `<public URL>/widget/plugins/<id>-<hash>.js`. */
  url: string;
  /** The plugin's `manifest.settings.widget(siteValue)`, when it declares one. */
  settings?: unknown;
}

/**
 * `/visitor`: the widget shell's own namespace, as `/panel` is the panel's. `plugins.changed`: the
 * account's plugins were switched (A7) — the full list, as a new session would give it; also at
 * once on a (re)connection whose `auth.plugins` (the ids the widget has, sorted, comma-separated)
 * differ from it.
 */
export interface CoreToVisitor {
  'plugins.changed': (p: { plugins: WidgetPluginPart[] }) => void;
}
