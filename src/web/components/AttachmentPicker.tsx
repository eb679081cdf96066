/**
 * Files for a new loop or information post: chosen with the system's file picker (camera on phones), listed with a
 * preview for images, each removable. Only what the browser can know is checked here (count and
 * size); the server decides the type by the file's content and refuses what it doesn't accept.
 */
import { useEffect, useMemo, useRef, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { FileText, Paperclip, X } from "lucide-react";
import { DEFAULT_MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_LOOP } from "../../shared/schemas/loops.js";
import { currentLanguage } from "../i18n/index.js";
import { FieldError } from "./Field.js";
import { formatFileSize } from "./AttachmentList.js";

/** What the picker offers: images, PDF, office documents, plain text, audio and video. */
export const ATTACHMENT_ACCEPT = [
  "image/*",
  "application/pdf",
  ".doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf",
  "text/plain,.txt,.md,.csv",
  "audio/*",
  "video/*",
].join(",");

export const MAX_ATTACHMENT_MB = Math.round(DEFAULT_MAX_ATTACHMENT_BYTES / (1024 * 1024));

/** Why some chosen files were not added. */
export type PickProblem = { kind: "tooMany" } | { kind: "tooLarge"; names: string[] };

/** A chosen file and, for images, the address of its on-screen preview. */
function FilePreview({ file }: { file: File }) {
  const url = useMemo(() => (file.type.startsWith("image/") ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (url) return <img className="attachment-preview" src={url} alt="" width={64} height={64} />;
  return (
    <span className="attachment-preview attachment-preview-icon" aria-hidden="true">
      <FileText size={28} />
    </span>
  );
}

export function AttachmentPicker(props: {
  id: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  problem: PickProblem | null;
  onProblem: (problem: PickProblem | null) => void;
  /** An error from the server about the files (too many, too large, refused type). */
  error?: string | undefined;
  hint?: string | undefined;
  /** What to say when more files are chosen than fit; by default it speaks of a loop. */
  tooManyText?: string | undefined;
}) {
  const { t } = useTranslation();
  const { id, files, onChange, onProblem, problem } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const language = currentLanguage();
  const full = files.length >= MAX_ATTACHMENTS_PER_LOOP;

  const add = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    // The same file can be chosen again after removing it.
    event.target.value = "";
    const tooLarge = chosen.filter((file) => file.size > DEFAULT_MAX_ATTACHMENT_BYTES);
    const fitting = chosen.filter((file) => file.size <= DEFAULT_MAX_ATTACHMENT_BYTES);
    const room = MAX_ATTACHMENTS_PER_LOOP - files.length;
    onChange([...files, ...fitting.slice(0, Math.max(0, room))]);
    if (tooLarge.length > 0) onProblem({ kind: "tooLarge", names: tooLarge.map((file) => file.name) });
    else if (fitting.length > room) onProblem({ kind: "tooMany" });
    else onProblem(null);
  };

  const problemText =
    problem?.kind === "tooLarge"
      ? t("attachments.tooLarge", { count: problem.names.length, names: problem.names.join(", "), maxMb: MAX_ATTACHMENT_MB })
      : problem?.kind === "tooMany"
        ? (props.tooManyText ?? t("attachments.tooMany", { max: MAX_ATTACHMENTS_PER_LOOP }))
        : undefined;
  const error = props.error ?? problemText;
  const hintId = `${id}-hint`;

  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {t("attachments.label")}
      </span>
      <p className="field-hint" id={hintId}>
        {props.hint ?? t("attachments.hint", { max: MAX_ATTACHMENTS_PER_LOOP, maxMb: MAX_ATTACHMENT_MB })}
      </p>
      {files.length > 0 ? (
        <ul className="attachment-picked" aria-labelledby={`${id}-label`}>
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}-${index}`} className="attachment-picked-item">
              <FilePreview file={file} />
              <span className="attachment-picked-name">
                <span>{file.name}</span>
                <span className="muted small">{formatFileSize(file.size, language)}</span>
              </span>
              <button
                type="button"
                className="button button-quiet icon-button"
                aria-label={t("attachments.remove", { name: file.name })}
                onClick={() => {
                  onChange(files.filter((_, other) => other !== index));
                  onProblem(null);
                  inputRef.current?.focus();
                }}
              >
                <X size={20} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <span>
        <input
          ref={inputRef}
          id={id}
          className="file-input"
          type="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          aria-disabled={full || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          onClick={(event) => {
            if (full) event.preventDefault();
          }}
          onChange={add}
        />
        <label htmlFor={id} className="button" data-disabled={full || undefined}>
          <Paperclip size={18} aria-hidden="true" />
          {files.length > 0 ? t("attachments.addMore") : t("attachments.add")}
        </label>
      </span>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
