import type { PluginContext } from '../../../core/src/index.js';
import type { CallsOptions } from './calls.options.js';
import type { CallsSettingsSpec } from './calls.settings.js';
import type { CallsTables } from './calls.tables.js';

export type CallsContext = PluginContext<CallsOptions, CallsTables, CallsSettingsSpec>;
