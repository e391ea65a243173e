import { registerPluginStrings } from '../../../admin-ui/src/app/plugin-api';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

/** Adds the goals plugin's strings (under `goals.`) to the panel's dictionaries. */
export function registerGoalsStrings(): void {
  registerPluginStrings({ ru, en });
}
