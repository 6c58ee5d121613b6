import type { Rule } from '../rule.js';
import { actionItemOwner } from './action-item-owner.js';
import { actionItemUntracked } from './action-item-untracked.js';
import { blamefulLanguage } from './blameful-language.js';
import { brokenLink } from './broken-link.js';
import { duplicateId } from './duplicate-id.js';
import { emptySection } from './empty-section.js';
import { fileName } from './file-name.js';
import { frontMatterInvalid } from './front-matter-invalid.js';
import { incidentTimesOrder } from './incident-times-order.js';
import { missingDetectionTime } from './missing-detection-time.js';
import { missingSection } from './missing-section.js';
import { placeholderText } from './placeholder-text.js';
import { timelineOrder } from './timeline-order.js';
import { timelineUnparsedTime } from './timeline-unparsed-time.js';

/** Every rule, in the order their docs list them. Ids are permanent: deprecate a rule, never reuse its id. */
export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  placeholderText,
  timelineOrder,
  timelineUnparsedTime,
  missingDetectionTime,
  incidentTimesOrder,
  actionItemOwner,
  actionItemUntracked,
  blamefulLanguage,
  frontMatterInvalid,
  fileName,
  duplicateId,
  brokenLink,
];
