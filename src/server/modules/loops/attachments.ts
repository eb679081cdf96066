/**
 * Files attached to loops. The type is decided by the file's own bytes (file-type), checked
 * against an allowlist and against the name's extension; images are re-encoded by sharp, which
 * drops EXIF, XMP, GPS and ICC metadata, and get a thumbnail. Anonymous loops take images and
 * plain text only: PDFs, office documents and media files carry their author in metadata we
 * cannot reliably strip.
 */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { HttpError } from "../../http/errors.js";
import type { AttachmentKind } from "../../db/types.js";

/** Longest side of a stored image; phone photos are larger than any screen needs. */
const IMAGE_MAX_SIDE = 2560;
const THUMBNAIL_MAX_SIDE = 480;
/** Refuse decompression bombs before decoding. */
const MAX_INPUT_PIXELS = 60_000_000;
const NAME_MAX_LENGTH = 120;

interface Allowed {
  kind: AttachmentKind;
  extensions: readonly string[];
}

const IMAGE_EXTENSIONS = ["jpg", "jpeg", "jfif", "png", "webp", "gif", "avif", "heic", "heif"];
const CFB = ["doc", "xls", "ppt"];

/** Detected MIME type → what it is and which file-name extensions may carry it. */
const ALLOWED: Record<string, Allowed> = {
  "image/jpeg": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "image/png": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "image/webp": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "image/gif": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "image/avif": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "image/heic": { kind: "image", extensions: IMAGE_EXTENSIONS },
  "application/pdf": { kind: "pdf", extensions: ["pdf"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { kind: "document", extensions: ["docx"] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "document", extensions: ["xlsx"] },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { kind: "document", extensions: ["pptx"] },
  "application/vnd.oasis.opendocument.text": { kind: "document", extensions: ["odt"] },
  "application/vnd.oasis.opendocument.spreadsheet": { kind: "document", extensions: ["ods"] },
  "application/vnd.oasis.opendocument.presentation": { kind: "document", extensions: ["odp"] },
  "application/x-cfb": { kind: "document", extensions: CFB },
  "audio/mpeg": { kind: "audio", extensions: ["mp3"] },
  "audio/x-m4a": { kind: "audio", extensions: ["m4a", "mp4"] },
  "audio/mp4": { kind: "audio", extensions: ["m4a", "mp4"] },
  "audio/aac": { kind: "audio", extensions: ["aac"] },
  "audio/ogg": { kind: "audio", extensions: ["ogg", "oga", "opus"] },
  "audio/opus": { kind: "audio", extensions: ["opus", "ogg"] },
  "audio/wav": { kind: "audio", extensions: ["wav"] },
  "audio/x-flac": { kind: "audio", extensions: ["flac"] },
  "audio/flac": { kind: "audio", extensions: ["flac"] },
  "audio/webm": { kind: "audio", extensions: ["weba", "webm"] },
  "video/mp4": { kind: "video", extensions: ["mp4", "m4v"] },
  "video/webm": { kind: "video", extensions: ["webm", "weba"] },
  "video/quicktime": { kind: "video", extensions: ["mov", "qt"] },
};
const TEXT_EXTENSIONS = ["txt", "md", "csv", "text"];

/** A file ready to store: bytes (re-encoded for images), a thumbnail for images, and what to record. */
export interface ProcessedAttachment {
  kind: AttachmentKind;
  mime: string;
  extension: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  data: Buffer;
  thumbnail: Buffer | null;
}

export const refusedType = (message: string) => new HttpError(415, "attachment_type_refused", message);
export const tooLarge = (maxBytes: number) =>
  new HttpError(413, "attachment_too_large", `Each file may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`);

const extensionOf = (name: string): string | null => {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
};

/** The sender's file name without path, control characters or excess length; keeps the extension. */
export function cleanFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/\p{Cc}|["<>:|?*]/gu, "").trim();
  if (!base || base === "." || base === "..") return fallback;
  if (base.length <= NAME_MAX_LENGTH) return base;
  const ext = extensionOf(base);
  return ext ? `${base.slice(0, NAME_MAX_LENGTH - ext.length - 1)}.${ext}` : base.slice(0, NAME_MAX_LENGTH);
}

function isPlainText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides what a file is and prepares it for storage; throws 415 for a type outside the
 * allowlist, a name whose extension contradicts the content, or (anonymous loops) a file that
 * could carry its author.
 */
export async function processAttachment(input: Buffer, clientName: string, position: number, anonymous: boolean): Promise<ProcessedAttachment> {
  const n = position + 1;
  const ext = extensionOf(clientName);
  const detected = await fileTypeFromBuffer(input);
  if (!detected) {
    if ((ext === null || TEXT_EXTENSIONS.includes(ext)) && input.length > 0 && isPlainText(input)) {
      const extension = ext ?? "txt";
      return {
        kind: "text", mime: "text/plain", extension, size: input.length, width: null, height: null, data: input, thumbnail: null,
        name: anonymous ? `text-${n}.${extension}` : cleanFileName(clientName, `text-${n}.${extension}`),
      };
    }
    throw refusedType(`We could not tell what "${cleanFileName(clientName, `file ${n}`)}" is. Attach images, PDFs, office documents, text, audio or video.`);
  }
  const allowed = ALLOWED[detected.mime];
  if (!allowed) throw refusedType(`Files of type ${detected.mime} are not accepted.`);
  if (ext !== null && !allowed.extensions.includes(ext)) {
    throw refusedType(`The file name ends in .${ext} but the file is ${detected.mime}.`);
  }
  if (allowed.kind === "image") return reencodeImage(input, n);
  if (anonymous) {
    throw refusedType("An anonymous loop takes images and plain text only: other files can carry their author's name inside them.");
  }
  return {
    kind: allowed.kind, mime: detected.mime, extension: detected.ext, size: input.length, width: null, height: null, data: input, thumbnail: null,
    name: cleanFileName(clientName, `file-${n}.${detected.ext}`),
  };
}

async function reencodeImage(input: Buffer, n: number): Promise<ProcessedAttachment> {
  try {
    const source = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate(); // EXIF orientation first
    const { data, info } = await source
      .clone()
      .resize(IMAGE_MAX_SIDE, IMAGE_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await source.clone().resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: "inside", withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    // Image names are always ours: a photo's name often carries a date, a place or a person.
    return { kind: "image", mime: "image/webp", extension: "webp", name: `image-${n}.webp`, size: data.length, width: info.width, height: info.height, data, thumbnail };
  } catch {
    throw refusedType(`Image ${n} could not be read.`);
  }
}
