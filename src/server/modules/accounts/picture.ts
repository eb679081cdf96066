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
