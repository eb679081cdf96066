/** HTTP errors in the one shape of design.md §5; thrown by any layer, rendered by app.ts. */
import type { ErrorCode } from "../../shared/errors.js";

export class HttpError extends Error {
  /** Set when a policy refused the actor: the error handler audits it. */
  denied?: { policy: string; action: string; subjectId: string | null; organisationId: string | null };
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: ErrorCode, message: string, fields?: Record<string, string>) =>
  new HttpError(400, code, message, fields);
export const unauthenticated = () => new HttpError(401, "unauthenticated", "Sign in to continue.");
export const forbidden = (message = "You may not do this.") => new HttpError(403, "forbidden", message);
/** The one answer for "does not exist" and "exists but not yours" (design.md §4). */
export const notFound = () => new HttpError(404, "not_found", "Not found.");
export const conflict = (code: ErrorCode, message: string, fields?: Record<string, string>) =>
  new HttpError(409, code, message, fields);
export const payloadTooLarge = (message = "The upload is too large.") => new HttpError(413, "payload_too_large", message);
export const unsupportedMediaType = (message = "This file type is not accepted.") =>
  new HttpError(415, "unsupported_media_type", message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, "rate_limited", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, undefined, {
    "retry-after": String(retryAfterSeconds),
  });
