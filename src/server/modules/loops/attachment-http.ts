/**
 * The HTTP side of attachments, shared by every module that takes files (loops, information
 * posts): reading a multipart form whose JSON field comes first and whose files are checked and
 * stored as they arrive, and serving a stored file as a download that is never rendered.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app.js";
import { badRequest, HttpError } from "../../http/errors.js";
import { MAX_ATTACHMENTS_PER_LOOP } from "../../../shared/schemas/loops.js";
import { processAttachment, tooLarge } from "./attachments.js";
import { discardAttachments, storeAttachment, type StoredAttachment } from "./commands/send.js";

/** Multipart parts besides the files: the JSON field, with room for a stray field or two. */
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * An error met while reading the request's bytes. busboy and its parser throw plain Errors
 * (no code, no status) for a body that is not the multipart the Content-Type announced — no
 * boundary, an empty or 300-character one, data that ends mid-part: the client's mistake, 400.
 * Fastify's own errors (limits, aborted requests) carry a status and keep it.
 */
function unreadable(err: unknown, field: string): unknown {
  if (err instanceof HttpError || typeof (err as { statusCode?: unknown })?.statusCode === "number") return err;
  return badRequest("validation", "The multipart form could not be read.", { [field]: "invalid" });
}

/** The request's parts; an error of the parser itself (not of the loop reading them) becomes `unreadable`. */
async function* partsOf(request: FastifyRequest, field: string, limits: Record<string, number>) {
  try {
    yield* request.parts({ limits });
  } catch (err) {
    throw unreadable(err, field);
  }
}

export interface AttachmentFormSpec<T> {
  /** Name of the field holding the JSON object (`loop`, `post`); it must come before the files. */
  field: string;
  /** What the form makes, for messages ("loop", "post"). */
  noun: string;
  /** Validates the JSON object (throws 400 with the fields). */
  parse: (json: unknown) => T;
  /** Whether the files must be fit for anonymity (images and plain text only, server-made names). */
  anonymous?: (body: T) => boolean;
}

/**
 * Reads a multipart form: the JSON field first, then up to MAX_ATTACHMENTS_PER_LOOP files named
 * `files`. Each file is checked and stored as it arrives, so a request holds one file in memory
 * at a time; if anything is refused, the files stored so far are deleted. The caller's command
 * discards the files if it fails later.
 */
export async function readAttachmentForm<T>(ctx: AppContext, request: FastifyRequest, spec: AttachmentFormSpec<T>): Promise<{ body: T; files: StoredAttachment[] }> {
  const { field, noun } = spec;
  const stored: StoredAttachment[] = [];
  const tooMany = () => badRequest("validation", `At most ${MAX_ATTACHMENTS_PER_LOOP} files per ${noun}.`, { files: "too_many" });
  let body: T | undefined;
  try {
    const parts = partsOf(request, field, {
      fileSize: ctx.config.maxAttachmentBytes,
      files: MAX_ATTACHMENTS_PER_LOOP + 1,
      fields: 4,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_ATTACHMENTS_PER_LOOP + 5,
    });
    for await (const part of parts) {
      if (part.type === "field") {
        if (part.fieldname !== field) throw badRequest("validation", `Unexpected field "${part.fieldname}".`, { [part.fieldname]: "invalid" });
        // Files already taken were checked against the first object (anonymous or not): a second one could change that.
        if (body !== undefined) throw badRequest("validation", `Send the field \`${field}\` once.`, { [field]: "invalid" });
        let json: unknown;
        try {
          json = JSON.parse(String(part.value));
        } catch {
          throw badRequest("validation", `The field \`${field}\` must be JSON.`, { [field]: "invalid" });
        }
        body = spec.parse(json);
        continue;
      }
      if (part.fieldname !== "files") throw badRequest("validation", `Unexpected file field "${part.fieldname}"; send files as "files".`, { [part.fieldname]: "invalid" });
      // Anonymity decides which files are taken, so the object must come before its files.
      if (body === undefined) throw badRequest("validation", `Send the \`${field}\` field before the files.`, { [field]: "required" });
      if (stored.length >= MAX_ATTACHMENTS_PER_LOOP) throw tooMany();
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(ctx.config.maxAttachmentBytes);
        throw unreadable(err, field);
      }
      const processed = await processAttachment(data, part.filename ?? "", stored.length, spec.anonymous?.(body) ?? false);
      stored.push(await storeAttachment(ctx.blobs, processed));
    }
    if (body === undefined) throw badRequest("validation", `The field \`${field}\` is missing.`, { [field]: "required" });
    return { body, files: stored };
  } catch (err) {
    await discardAttachments(ctx, stored);
    if ((err as { code?: string }).code === "FST_FILES_LIMIT") throw tooMany();
    throw err;
  }
}

/** What a stored attachment row holds that serving it needs. */
export interface ServableAttachment {
  name: string;
  mime: string;
  blob_key: string;
  thumbnail_key: string | null;
}

/**
 * Sends a stored file (or its thumbnail) as a download: `Content-Disposition: attachment`,
 * nosniff and a sandbox CSP, so nothing uploaded is ever rendered on our origin. Returns false
 * when there is no such file (the caller answers 404); else the handler returns `reply`.
 */
export async function sendAttachment(ctx: AppContext, reply: FastifyReply, attachment: ServableAttachment | undefined, variant: "original" | "thumbnail"): Promise<boolean> {
  const thumbnail = variant === "thumbnail";
  const key = thumbnail ? attachment?.thumbnail_key : attachment?.blob_key;
  const blob = attachment && key ? await ctx.blobs.get(key) : null;
  if (!attachment || !blob) return false;
  const name = thumbnail ? `thumbnail-${attachment.name.replace(/\.[^.]*$/, "")}.webp` : attachment.name;
  void reply
    .header("content-type", thumbnail ? "image/webp" : attachment.mime)
    .header("content-disposition", contentDisposition(name))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, max-age=3600")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .send(blob.data);
  return true;
}

/** A download name safe in a header: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
