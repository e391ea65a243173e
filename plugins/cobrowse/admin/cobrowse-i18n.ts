import { registerPluginStrings } from '../../../admin-ui/src/app/plugin-api';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

/** Adds co-browsing's strings (under `cobrowse.`) to the panel's dictionaries. */
export function registerCobrowseStrings(): void {
  registerPluginStrings({ ru, en });
}
