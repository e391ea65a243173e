import { registerPluginStrings } from '../../../admin-ui/src/app/plugin-api';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

/** Adds the calls plugin's strings (under `calls.`) to the panel's dictionaries. */
export function registerCallsStrings(): void {
  registerPluginStrings({ ru, en });
}
