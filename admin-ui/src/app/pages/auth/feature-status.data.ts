/**
 * What the product does today and what is coming, by the feature ids of the feature map
 * (docs cite them too). The README's "What works today" table is checked against this list by a
 * unit test, so the sign-in page and the README cannot drift apart.
 */
export interface FeatureGroup {
  /** i18n key under `features.group`. */
  key: string;
  /** Feature-map ids the group covers. */
  ids: string[];
  state: 'works' | 'coming';
}

export const FEATURE_STATUS: readonly FeatureGroup[] = [
  { key: 'chat', ids: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'C14', 'C15', 'C16', 'C17', 'C18', 'C19', 'C20'], state: 'works' },
  { key: 'widget', ids: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8'], state: 'works' },
  { key: 'team', ids: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A8'], state: 'works' },
  { key: 'offline', ids: ['H6', 'I2'], state: 'works' },
  { key: 'plugins', ids: ['A7'], state: 'works' },
  { key: 'goals', ids: ['G1'], state: 'works' },
  { key: 'agency', ids: ['A9'], state: 'works' },
  { key: 'calls', ids: ['D1', 'D2', 'D3', 'D4', 'D5', 'E6'], state: 'works' },
  { key: 'callsMore', ids: ['D6', 'D7'], state: 'coming' },
  { key: 'cobrowse', ids: ['E1', 'E3'], state: 'works' },
  { key: 'cobrowseMore', ids: ['E2', 'E4', 'E5'], state: 'coming' },
  { key: 'automation', ids: ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'], state: 'coming' },
  { key: 'statistics', ids: ['I1', 'I3'], state: 'coming' },
  { key: 'integrations', ids: ['H1', 'H2', 'H3', 'H4', 'H5', 'C21', 'C22'], state: 'coming' },
];
