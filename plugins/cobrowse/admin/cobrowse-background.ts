import type { PluginBackground } from '../../../admin-ui/src/app/plugin-api';
import { registerCobrowseStrings } from './cobrowse-i18n';
import { CobrowseSocket } from './cobrowse-socket';
import { ObserveSession } from './observe-session';

/** `/cobrowse` on the shell's connection and the one observation this panel may have, on every page. */
export const cobrowseBackground: PluginBackground = {
  providers: [CobrowseSocket, ObserveSession],
  start: () => registerCobrowseStrings(),
};
