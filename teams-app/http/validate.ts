import type { z } from "zod";
import { AppError } from "../../core";

/** Parses request input with a zod schema; bad input becomes a 400 that names each field and what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join(".") || what, message: i.message }));
  throw AppError.badRequest(`The ${what} is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`, details);
}
