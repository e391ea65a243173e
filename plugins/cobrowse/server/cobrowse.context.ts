import type { PluginContext } from '../../../core/src/index.js';
import type { CobrowseOptions } from './cobrowse.options.js';
import type { CobrowseSettingsSpec } from './cobrowse.settings.js';

/** Co-browsing keeps no tables: nothing of a session outlives it (issue 12). */
export type CobrowseContext = PluginContext<CobrowseOptions, Record<string, never>, CobrowseSettingsSpec>;
