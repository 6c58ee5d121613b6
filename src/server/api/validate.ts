import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError } from '../http-error.js';
import { ReviewIdSchema } from './schemas.js';

/** Checks input against a schema; failures become `unknown-field` or `invalid-request` listing every issue. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message:
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  const unknown = result.error.issues.some((issue) => issue.code === 'unrecognized_keys');
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new HttpError(unknown ? 'unknown-field' : 'invalid-request', detail, { issues });
}

export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    throw new HttpError('invalid-json', `The body could not be read as JSON: ${(error as Error).message}`);
  }
  return validate(schema, body, 'body');
}

export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return validate(schema, c.req.query(), 'query');
}

/** A review id from a URL: a slug, never anything that could name a path (`../../etc/passwd` → invalid-id). */
export function reviewIdOf(param: string | undefined): string {
  const result = ReviewIdSchema.safeParse(param);
  if (!result.success)
    throw new HttpError('invalid-id', `"${param}" is not a review id: ${result.error.issues[0]?.message}.`);
  return result.data;
}

const ActionNumberSchema = z.coerce.number().int().min(1).max(100_000);

/** The `:n` of an action item URL: 1-based. */
export function actionNumberOf(param: string | undefined): number {
  return validate(ActionNumberSchema, param, 'path.n');
}
