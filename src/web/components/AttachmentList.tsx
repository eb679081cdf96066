/** A sent loop's files: images as thumbnails that open the full picture, other files as download links. */
import { useTranslation } from "react-i18next";
import { Download, FileAudio, FileText, FileVideo, type LucideIcon } from "lucide-react";
import type { Attachment } from "../../shared/schemas/loops.js";
import { currentLanguage } from "../i18n/index.js";

/** "16 bytes", "0.3 kB", "1.2 MB" in the interface language. */
export function formatFileSize(bytes: number, language: string): string {
  if (bytes < 100) return new Intl.NumberFormat(language, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  const units = ["kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, { style: "unit", unit: units[unit], unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

const ICONS: Record<Attachment["kind"], LucideIcon> = {
  image: FileText,
  pdf: FileText,
  document: FileText,
  text: FileText,
  audio: FileAudio,
  video: FileVideo,
};

/** `headingId` must be unique on the page when several lists are shown (e.g. a list of posts); `headingLevel` fits the heading into the page's outline. */
export function AttachmentList({ attachments, headingId = "attachments-title", headingLevel = 2 }: { attachments: readonly Attachment[]; headingId?: string; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (attachments.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  const images = attachments.filter((attachment) => attachment.thumbnailUrl);
  const files = attachments.filter((attachment) => !attachment.thumbnailUrl);
  return (
    <section className="stack attachment-section" aria-labelledby={headingId}>
      <Heading id={headingId} className="loop-section-title">
        {t("attachments.title", { count: attachments.length })}
      </Heading>
      {images.length > 0 ? (
        <ul className="attachment-images">
          {images.map((image) => (
            <li key={image.id}>
              <a className="attachment-image-link" href={image.url} download={image.name}>
                <img
                  className="attachment-thumbnail"
                  src={image.thumbnailUrl ?? image.url}
                  alt={t("attachments.imageAlt", { name: image.name })}
                  width={image.width ?? undefined}
                  height={image.height ?? undefined}
                  loading="lazy"
                />
                <span className="attachment-image-caption">
                  <Download size={16} aria-hidden="true" />
                  {t("attachments.download")}
                  <span className="visually-hidden"> {image.name}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className="attachment-files">
          {files.map((file) => {
            const Icon = ICONS[file.kind];
            return (
              <li key={file.id}>
                <a className="attachment-file" href={file.url} download={file.name}>
                  <Icon size={22} aria-hidden="true" />
                  <span className="attachment-file-name">{file.name}</span>
                  <span className="muted small">{formatFileSize(file.size, language)}</span>
                  <Download size={18} aria-hidden="true" />
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
