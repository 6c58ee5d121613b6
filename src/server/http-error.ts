/**
 * Every error the server answers with, by permanent code: the code is what clients branch on, so a code is never
 * renamed or reused. Titles are for people; `detail` says what happened in this request and what to do.
 */
export const ERRORS = {
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  'invalid-request': { status: 400, title: 'The request does not match what this endpoint takes' },
  'unknown-field': { status: 400, title: 'The request has a field this endpoint does not know' },
  'invalid-id': { status: 400, title: 'Not a review id' },
  'token-required': { status: 401, title: 'Writes need the server token' },
  'token-invalid': { status: 401, title: 'The token is not the server token' },
  'csrf-rejected': { status: 403, title: 'The form did not come from this site' },
  'not-found': { status: 404, title: 'Nothing here' },
  'review-not-found': { status: 404, title: 'No review with this id' },
  'action-not-found': { status: 404, title: 'The review has no action item with this number' },
  'edit-conflict': { status: 409, title: 'The review changed since you loaded it' },
  'review-exists': { status: 409, title: 'A review file with this name already exists' },
  'review-deleted': { status: 410, title: 'The review file was deleted' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Send the body as application/json' },
  'invalid-review': { status: 422, title: 'The markdown cannot be stored as a review' },
  'not-writable': { status: 422, title: 'This review cannot be changed on its own' },
  'action-not-tickable': { status: 422, title: 'This action item has no checkbox to tick' },
  'if-match-required': { status: 428, title: 'Send If-Match with the etag you edited' },
  'internal-error': { status: 500, title: 'Something went wrong on the server' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error type routes throw; the error handler turns it into `application/problem+json`. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** More members of the problem object (the current version on a conflict, the failing fields …). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.status = ERRORS[code].status;
  }
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

export function problemOf(error: HttpError): Problem {
  const { status, title } = ERRORS[error.code];
  return {
    type: `urn:hindsight:problem:${error.code}`,
    title,
    status,
    code: error.code,
    detail: error.detail,
    ...error.extra,
  };
}
