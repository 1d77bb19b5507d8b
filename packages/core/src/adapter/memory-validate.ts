import type * as z from 'zod/mini';
import { requestShapeError } from '../rules/problems.ts';

/** Checks a request's shape with its wire schema, the way the reference server does. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, request: unknown): T {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  throw requestShapeError(result.error.issues);
}
