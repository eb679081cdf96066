/**
 * Profile pictures: the type is decided by magic bytes (never the name or the client's MIME),
 * then sharp re-encodes to a square WebP — which drops EXIF, XMP, GPS and ICC metadata.
 */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { unsupportedMediaType } from "../../http/errors.js";

/** Side of the stored square picture, in pixels (sharp enough for a 2× retina avatar). */
export const PICTURE_SIZE = 512;
const PICTURE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/heic", "image/tiff"]);
/** Refuse decompression bombs before decoding: 50 megapixels is beyond any phone camera. */
const MAX_INPUT_PIXELS = 50_000_000;

export async function toProfilePicture(input: Buffer): Promise<Buffer> {
  const type = await fileTypeFromBuffer(input);
  if (!type || !PICTURE_TYPES.has(type.mime)) throw unsupportedMediaType("Choose a JPEG, PNG, WebP, GIF, AVIF or HEIC image.");
  try {
    return await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate() // apply the EXIF orientation before the metadata is dropped
      .resize(PICTURE_SIZE, PICTURE_SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw unsupportedMediaType("This image could not be read.");
  }
}

/** A provider's picture is fetched once, at sign-up; a slow or huge one is skipped, not waited for. */
const PROVIDER_PICTURE_TIMEOUT_MS = 5_000;

/**
 * Downloads the picture a provider names (issue 8: "insert the profile image you use through your
 * Google Account") and re-encodes it like any upload, so it is served from this server without
 * its metadata. Null when it cannot be had: the account is made without a picture.
 */
export async function fetchProviderPicture(url: string, opts: { allowHttp: boolean; maxBytes: number }): Promise<Buffer | null> {
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return null;
  }
  if (address.protocol !== "https:" && !(opts.allowHttp && address.protocol === "http:")) return null;
  try {
    const res = await fetch(address, { redirect: "follow", signal: AbortSignal.timeout(PROVIDER_PICTURE_TIMEOUT_MS) });
    if (!res.ok || !res.body) return null;
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > opts.maxBytes) return null;
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > opts.maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(Buffer.from(value));
    }
    return await toProfilePicture(Buffer.concat(chunks));
  } catch {
    return null;
  }
}
