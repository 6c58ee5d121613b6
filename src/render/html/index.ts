/**
 * The HTML renderer shared by the static site (`hindsight build`) and the server (`hindsight serve`): markdown
 * → sanitised HTML, and pure page functions (data in, an HTML string out). See ARCHITECTURE.md, "Rendering HTML".
 */
export { actionsPage, ageInDays, type BoardItem } from './actions-page.js';
export { ASSET_DIR, ASSET_NAMES, type AssetName, readAsset } from './assets.js';
export {
  barChart,
  lineChart,
  type LinePoint,
  SEVERITY_COLOURS,
  type StackedBar,
  stackedBarChart,
} from './charts.js';
export { durationSplit, severityBadge, severityLabel, titleOf } from './components.js';
export { escapeHtml, Html, html, trusted } from './escape.js';
export { homePage, type HomePageInput } from './home-page.js';
export {
  DEFAULT_SITE_TITLE,
  type NavItem,
  type NavKey,
  type PageContent,
  renderDocument,
  type ShellOptions,
  standardNav,
} from './layout.js';
export { attentionPage, listIndexPage, listLabel, listPage, searchPage } from './list-pages.js';
export {
  isSafeUrl,
  type MarkdownOptions,
  renderMarkdown,
  renderMarkdownParts,
  renderParsedParts,
} from './markdown.js';
export {
  actionStatus,
  parsedReviewBody,
  reviewBody,
  reviewLinks,
  reviewPage,
  type ReviewPageInput,
} from './review-page.js';
export { oneLine, reviewList } from './review-list.js';
export { compareNewestFirst, type ReviewSummary, summarizeReview } from './summary.js';
export { timelineTrack } from './timeline-track.js';
export {
  LIST_FOLDERS,
  LIST_KINDS,
  type ListKind,
  serverUrls,
  SITE_PATHS,
  type SiteUrls,
  slugOf,
  staticUrls,
} from './urls.js';
