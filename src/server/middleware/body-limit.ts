import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../http-error.js';

/** Reviews are a few kilobytes; the parser itself stops reading files past 20 MB. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Refuses a bigger body as soon as its size is known, before reading it (or while streaming it). */
export function limitBody(maxSize = MAX_BODY_BYTES) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(
        'payload-too-large',
        `The body is larger than ${Math.round(maxSize / 1024 / 1024)} MB; nothing was written.`,
      );
    },
  });
}
