/**
 * Validation outside Fastify's own (e.g. the JSON text of a multipart field): the same zod
 * schema, and the same 400 shape and field problems as app.ts's error handler gives.
 */
import type { z } from "zod";
import { fieldProblemOf } from "../../shared/errors.js";
import { badRequest } from "./errors.js";

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Parses with the schema or throws 400 `validation` with `fields` (path → problem). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || prefix || "body";
    fields[key] ??= valueAt(value, issue.path) === undefined ? "required" : fieldProblemOf(issue);
  }
  throw badRequest("validation", "Some fields need attention.", fields);
}

/** A 400 naming `to` when a period of days (YYYY-MM-DD) ends before it starts. */
export function assertPeriodOrder(from: string, to: string): void {
  if (to < from) throw badRequest("validation", "The period ends before it starts.", { to: "before_from" });
}
