/**
 * The panel's internals a plugin's specs may need (the real routes, the shell's plugin runner,
 * token storage), beside the public plugin API; plugins' own code reaches only plugin-api.
 */
export { routes } from '../app/app.routes';
export { PluginBackgrounds } from '../app/core/plugin-backgrounds.service';
export { PANEL_PLUGIN_REGISTRY } from '../app/core/plugin-registry';
export { TokenStorage } from '../app/core/token-storage';
