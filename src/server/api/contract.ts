import type { z } from 'zod';
import type { ErrorCode } from '../http-error.js';
import {
  ActionPageSchema,
  ActionPatchSchema,
  ActionsQuerySchema,
  IndexedReviewSchema,
  MarkdownBodySchema,
  PreviewBodySchema,
  PreviewSchema,
  ReviewPageSchema,
  ReviewsQuerySchema,
  SearchPageSchema,
  SearchQuerySchema,
  StatsSchema,
  StatusPatchSchema,
} from './schemas.js';

export interface Endpoint {
  readonly method: 'get' | 'post' | 'put' | 'patch';
  /** OpenAPI style: `{id}` for a path parameter. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly ifMatch?: 'required' | 'optional';
  readonly status: 200 | 201;
  readonly response: z.ZodType | 'text/markdown';
  readonly errors: readonly ErrorCode[];
}

const READ_ID: readonly ErrorCode[] = ['invalid-id', 'review-not-found'];
const WRITE: readonly ErrorCode[] = [
  'invalid-json',
  'invalid-request',
  'unknown-field',
  'unsupported-media-type',
  'payload-too-large',
  'token-required',
  'token-invalid',
];
const WRITE_ID: readonly ErrorCode[] = [
  ...WRITE,
  ...READ_ID,
  'edit-conflict',
  'review-deleted',
  'not-writable',
];

/** Every endpoint of the API, as data: docs/openapi.json and docs/api.md are generated from this list. */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/api/reviews',
    summary: 'List reviews, newest first',
    query: ReviewsQuerySchema,
    status: 200,
    response: ReviewPageSchema,
    errors: ['invalid-request', 'unknown-field'],
  },
  {
    method: 'get',
    path: '/api/reviews/{id}',
    summary: 'One review: the parse model (brief §3.1) plus its etag (also in the ETag header)',
    status: 200,
    response: IndexedReviewSchema,
    errors: READ_ID,
  },
  {
    method: 'get',
    path: '/api/reviews/{id}/markdown',
    summary: 'The review file as it is on disk, with its ETag',
    status: 200,
    response: 'text/markdown',
    errors: [...READ_ID, 'review-deleted', 'not-writable'],
  },
  {
    method: 'get',
    path: '/api/search',
    summary: 'Full-text search (FTS5, stemmed, ranked by bm25: title over summary over body), with snippets',
    query: SearchQuerySchema,
    status: 200,
    response: SearchPageSchema,
    errors: ['invalid-request', 'unknown-field'],
  },
  {
    method: 'get',
    path: '/api/actions',
    summary: 'Action items of every review: open first, by due date',
    query: ActionsQuerySchema,
    status: 200,
    response: ActionPageSchema,
    errors: ['invalid-request', 'unknown-field'],
  },
  {
    method: 'get',
    path: '/api/stats',
    summary: 'The numbers of `hindsight stats`',
    status: 200,
    response: StatsSchema,
    errors: [],
  },
  {
    method: 'post',
    path: '/api/reviews',
    summary: 'Create a review file, named YYYY-MM-DD-brief-description.md from its date and title',
    description: 'Answers 201 with the review and a Location header. Never replaces an existing file.',
    body: MarkdownBodySchema,
    status: 201,
    response: IndexedReviewSchema,
    errors: [...WRITE, 'invalid-review', 'review-exists'],
  },
  {
    method: 'put',
    path: '/api/reviews/{id}',
    summary: 'Replace a review file',
    description:
      'If-Match must hold the etag of the version edited. When the file changed since, nothing is written and ' +
      'the answer is 409 edit-conflict with `current` (the review, its markdown and etag now on disk).',
    body: MarkdownBodySchema,
    ifMatch: 'required',
    status: 200,
    response: IndexedReviewSchema,
    errors: [...WRITE_ID, 'if-match-required'],
  },
  {
    method: 'patch',
    path: '/api/reviews/{id}',
    summary: "Change a review's status (the front matter's `status` line)",
    body: StatusPatchSchema,
    ifMatch: 'optional',
    status: 200,
    response: IndexedReviewSchema,
    errors: WRITE_ID,
  },
  {
    method: 'patch',
    path: '/api/reviews/{id}/actions/{n}',
    summary: 'Tick or untick action item n (1-based) by editing its `[ ]` in the markdown',
    body: ActionPatchSchema,
    ifMatch: 'optional',
    status: 200,
    response: IndexedReviewSchema,
    errors: [...WRITE_ID, 'action-not-found', 'action-not-tickable'],
  },
  {
    method: 'post',
    path: '/api/preview',
    summary: "The editor's live preview: markdown → page body and lint diagnostics; writes nothing",
    body: PreviewBodySchema,
    status: 200,
    response: PreviewSchema,
    errors: WRITE,
  },
];
