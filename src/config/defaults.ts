import type { Config } from './config.js';
import type { SectionKind } from '../model/section-kind.js';

export const DEFAULT_REQUIRED_SECTIONS: readonly SectionKind[] = [
  'summary',
  'timeline',
  'impact',
  'root-cause',
  'action-items',
];

/**
 * The config when there is no config file: what the schema makes of `{}` (a test holds the two together). Written
 * out so that a run without a config file never loads the schema library.
 */
export const DEFAULT_CONFIG: Config = {
  ignore: [],
  requiredSections: [...DEFAULT_REQUIRED_SECTIONS],
  rules: {},
};
