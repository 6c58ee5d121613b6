import type { Rule } from '../rule.js';
import { emptySection } from './empty-section.js';
import { placeholderText } from './placeholder-text.js';
import { timelineOrder } from './timeline-order.js';

/** Every rule, in the order their docs list them. Ids are permanent: deprecate a rule, never reuse its id. */
export const RULES: readonly Rule[] = [emptySection, placeholderText, timelineOrder];
