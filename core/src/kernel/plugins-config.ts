import { z } from 'zod';

/** The shape of plugins.config.ts: which plugins and integrations run, with their options. */
export interface PluginsConfig {
  plugins: Record<string, { options?: unknown }>;
}

export function definePluginsConfig(config: PluginsConfig): PluginsConfig {
  return config;
}

export const pluginsConfigSchema = z.object({
  plugins: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, 'plugin ids are lower-case letters, digits and dashes'),
    z.object({ options: z.unknown().optional() }).strict(),
  ),
});
