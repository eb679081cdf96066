/**
 * Turns API errors and client-side schema checks into messages in the user's language:
 * one message per field (shown next to it) and an optional sentence for the summary.
 */
import type { TFunction } from "i18next";
import type { z } from "zod";
import {
  EMAIL_MAX_LENGTH,
  MAX_PICTURE_BYTES,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../shared/schemas/accounts.js";
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH, ROLE_TITLE_MAX_LENGTH } from "../../shared/schemas/groups.js";
import { ORGANISATION_NAME_MAX_LENGTH } from "../../shared/schemas/organisations.js";
import { FIELD_PROBLEMS, fieldProblemOf, type ErrorCode, type FieldProblem } from "../../shared/errors.js";
import { ApiError } from "../api/client.js";
import type en from "../i18n/en.json";

// Every error code and field problem of the API has an English text (i18n.test.ts checks that
// sv.json has the same keys). A new code on the server fails the type check here until it has one.
type Translated<Keys extends string, Table> = Exclude<Keys, keyof Table>;
const everyCodeTranslated: [Translated<Exclude<ErrorCode, "rate_limited">, (typeof en)["errors"]["code"]>] extends [never]
  ? true
  : Translated<Exclude<ErrorCode, "rate_limited">, (typeof en)["errors"]["code"]> = true;
const everyProblemTranslated: [Translated<FieldProblem, (typeof en)["errors"]["field"]>] extends [never]
  ? true
  : Translated<FieldProblem, (typeof en)["errors"]["field"]> = true;
void everyCodeTranslated;
void everyProblemTranslated;

export interface FormErrors {
  /** A sentence about the whole form (e.g. wrong credentials, too many attempts). */
  message?: string;
  /** Field name → translated problem. */
  fields: Partial<Record<string, string>>;
}

export const NO_ERRORS: FormErrors = { fields: {} };

/**
 * Errors are kept as a function of the translator, not as strings, so switching the language
 * while an error is on screen re-words it.
 */
export type DescribeErrors = (t: TFunction) => FormErrors;

export function hasErrors(errors: FormErrors): boolean {
  return errors.message !== undefined || Object.keys(errors.fields).length > 0;
}

/** The size limit in whole megabytes, for messages. */
export const MAX_PICTURE_MB = Math.round(MAX_PICTURE_BYTES / (1024 * 1024));

const LIMITS = {
  min: PASSWORD_MIN_LENGTH,
  max: PASSWORD_MAX_LENGTH,
  maxMb: MAX_PICTURE_MB,
};

const MAX_BY_FIELD: Partial<Record<string, number>> = {
  name: NAME_MAX_LENGTH,
  email: EMAIL_MAX_LENGTH,
  newEmail: EMAIL_MAX_LENGTH,
  personEmail: EMAIL_MAX_LENGTH,
  orgName: ORGANISATION_NAME_MAX_LENGTH,
  groupName: GROUP_NAME_MAX_LENGTH,
  description: GROUP_DESCRIPTION_MAX_LENGTH,
  leaderEn: ROLE_TITLE_MAX_LENGTH,
  leaderSv: ROLE_TITLE_MAX_LENGTH,
  senderEn: ROLE_TITLE_MAX_LENGTH,
  senderSv: ROLE_TITLE_MAX_LENGTH,
};

/**
 * API field path → the form's own field name, where they differ: "roleTitles.leader.en" is the
 * form's "leaderEn", and an organisation's "name" is "orgName" (so its messages don't speak of
 * the person's own name). A path not listed keeps its first segment.
 */
export type FieldAliases = Readonly<Partial<Record<string, string>>>;

function formField(path: readonly PropertyKey[], aliases: FieldAliases | undefined): string {
  const full = path.map(String).join(".");
  const first = String(path[0] ?? "");
  return aliases?.[full] ?? aliases?.[first] ?? first;
}

/** Some codes belong to one field even when the server reports them for the whole request. */
const CODE_TO_FIELD: Partial<Record<string, readonly string[]>> = {
  email_taken: ["email", "newEmail"],
  wrong_password: ["currentPassword"],
  common_password: ["password", "newPassword"],
};

/** The server's problem codes pass through; anything unknown reads as "invalid". */
export function normaliseProblem(code: string): FieldProblem {
  return (FIELD_PROBLEMS as readonly string[]).includes(code) ? (code as FieldProblem) : "invalid";
}

/** The same mapping of zod issues to problems as the server's, for checks made before sending. */
function problemOfIssue(issue: z.core.$ZodIssue, value: unknown): FieldProblem {
  const empty = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  return empty ? "required" : fieldProblemOf(issue);
}

/** The message for one field problem, most specific translation first. */
export function fieldMessage(t: TFunction, field: string, problem: string): string {
  const code = normaliseProblem(problem);
  const options = { ...LIMITS, max: MAX_BY_FIELD[field] ?? LIMITS.max };
  return t([`errors.fields.${field}.${code}`, `errors.field.${code}`, "errors.field.invalid"], options);
}

/** The sentence for an error code (any error, not only ApiError). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.code.unknown");
  if (error.code === "rate_limited" || error.status === 429) {
    if (error.retryAfterSeconds === null) return t("errors.code.rate_limited_unknown");
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return t("errors.code.rate_limited", { count: minutes });
  }
  return t([`errors.code.${error.code}`, "errors.code.unknown"], LIMITS);
}

/** Splits an API error into per-field messages for the given fields and a summary sentence. */
export function describeError(error: unknown, fieldNames: readonly string[], aliases?: FieldAliases): DescribeErrors {
  return (t) => describeErrorNow(t, error, fieldNames, aliases);
}

function describeErrorNow(t: TFunction, error: unknown, fieldNames: readonly string[], aliases: FieldAliases | undefined): FormErrors {
  const fields: Partial<Record<string, string>> = {};
  if (error instanceof ApiError) {
    for (const [path, problem] of Object.entries(error.fields)) {
      const field = formField(path.split("."), aliases);
      if (fieldNames.includes(field) && fields[field] === undefined) {
        fields[field] = fieldMessage(t, field, problem);
      }
    }
    const owner = CODE_TO_FIELD[error.code]?.find((name) => fieldNames.includes(name));
    if (owner !== undefined && fields[owner] === undefined) {
      fields[owner] = fieldMessage(t, owner, error.code);
    }
    const fieldsSayItAll =
      Object.keys(fields).length > 0 && (error.code === "validation" || owner !== undefined) && error.code !== "email_taken";
    if (fieldsSayItAll) return { fields };
  }
  return { message: errorMessage(t, error), fields };
}

/** The value at a path of nested objects (for the emptiness check of a nested field). */
function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let value = values;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Checks form values against a shared schema before sending; null when they pass. */
export function checkWithSchema(schema: z.ZodType, values: Record<string, unknown>, aliases?: FieldAliases): DescribeErrors | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  const problems: Partial<Record<string, FieldProblem>> = {};
  for (const issue of result.error.issues) {
    const field = formField(issue.path, aliases);
    if (field === "" || problems[field] !== undefined) continue;
    problems[field] = problemOfIssue(issue, valueAt(values, issue.path));
  }
  return (t) => ({
    fields: Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [field, fieldMessage(t, field, problem ?? "invalid")]),
    ),
  });
}
