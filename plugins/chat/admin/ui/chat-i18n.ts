import { registerPluginStrings } from '../../../../admin-ui/src/app/plugin-api';
import en from '../i18n/en.json';
import ru from '../i18n/ru.json';

/** Adds the chat view's strings (under `chat.`) to the panel's dictionaries (registerPluginStrings). */
export function registerChatStrings(): void {
  registerPluginStrings({ ru, en });
}
