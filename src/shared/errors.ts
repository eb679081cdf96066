/** The one error shape of every API response (design.md §5). */
import { z } from "zod";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code, e.g. validation, not_found." }),
      message: z.string().meta({ description: "A human-readable sentence in English." }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: "For validation errors: field path → problem code." }),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Codes the API uses; the web app translates each. */
export const ERROR_CODES = [
  "validation",
  "unauthenticated",
  "forbidden",
  "csrf",
  "not_found",
  "conflict",
  "email_taken",
  "invalid_credentials",
  "wrong_password",
  "common_password",
  "invalid_token",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "unavailable",
  "last_admin",
  "owner_must_transfer",
  "invalid_code",
  "group_inactive",
  "in_use",
  "attachment_too_large",
  "attachment_type_refused",
  "survey_not_open",
  "survey_closed",
  "survey_locked",
  "sign_in_method_not_allowed",
  "last_sign_in_method",
  "reauthentication_required",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Problem codes in `error.fields` (field path → code). Validation maps zod's issues onto these;
 * commands add their own (`wrong_password`, `common_password`, `email_taken`).
 */
export const FIELD_PROBLEMS = [
  "required",
  "too_short",
  "too_long",
  "invalid_email",
  "invalid_value",
  "invalid",
  "wrong_password",
  "common_password",
  "email_taken",
  "no_account",
  "too_many",
  "not_allowed",
] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/**
 * The field problem of one zod issue — one mapping for the server's answers and the web app's
 * own checks before sending. A missing value is "required" whatever zod says; the caller knows.
 */
export function fieldProblemOf(issue: { code: string; format?: unknown }): FieldProblem {
  switch (issue.code) {
    case "too_small":
      return "too_short";
    case "too_big":
      return "too_long";
    case "invalid_format":
      return issue.format === "email" ? "invalid_email" : "invalid";
    case "invalid_value":
      return "invalid_value";
    default:
      return "invalid";
  }
}
