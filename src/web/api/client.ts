/**
 * A small typed fetch wrapper for the Openloop API. The session is an HttpOnly cookie the
 * browser sends on same-origin requests; this module never sees it.
 */
import type { ErrorBody } from "../../shared/errors.js";

/** Prefix of every API route. */
export const API_BASE = "/api/v1";

/** Codes the client itself produces when there is no usable server answer. */
export type ClientErrorCode = "network" | "bad_response";

/** A failed API call in the server's one error shape, plus what the HTTP layer told us. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Seconds from a 429's Retry-After header, when present. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string> | undefined;
    retryAfterSeconds?: number | null;
  }) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** True when the error means "no valid session" (expired, revoked or never signed in). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === "unauthenticated";
}

type Body = { json: unknown } | { form: FormData } | undefined;

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Sends one request and returns the parsed JSON body (undefined for 204/202 without body). */
export async function apiRequest<T>(method: Method, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body && "json" in body) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body.json);
  } else if (body && "form" in body) {
    // The browser sets the multipart boundary itself.
    payload = body.form;
  }

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError({ status: 0, code: "network", message: "The server could not be reached." });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({ status: response.status, code: "bad_response", message: "Unreadable response." });
    }
  }

  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  let parsed: Partial<ErrorBody> | null = null;
  try {
    parsed = (await response.json()) as Partial<ErrorBody>;
  } catch {
    parsed = null;
  }
  const error = parsed?.error;
  if (error && typeof error.code === "string") {
    return new ApiError({
      status: response.status,
      code: error.code,
      message: typeof error.message === "string" ? error.message : response.statusText,
      fields: error.fields,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: fallbackCode(response.status),
    message: response.statusText,
    retryAfterSeconds,
  });
}

function fallbackCode(status: number): string {
  switch (status) {
    case 401:
      return "unauthenticated";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "rate_limited";
    default:
      return status >= 500 ? "internal" : "bad_response";
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.round((date - Date.now()) / 1000));
}
