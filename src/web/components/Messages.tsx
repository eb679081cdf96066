/** Error summary, success/info notices and the loading indicator. */
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CircleAlert, CircleCheck, Info, LoaderCircle } from "lucide-react";
import type { FormErrors } from "../lib/formErrors.js";

export interface ErrorSummaryProps {
  errors: FormErrors;
  /** Field name → input id, so each message links to its field. */
  fieldIds: Partial<Record<string, string>>;
  /** Changes on every failed submit; the summary takes focus each time. */
  focusKey: number;
}

/**
 * The summary above a form after a failed submit: role="alert" announces it, and it takes
 * focus so a keyboard user lands on the list of problems, each linking to its field.
 */
export function ErrorSummary({ errors, fieldIds, focusKey }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors.fields).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  const visible = errors.message !== undefined || entries.length > 0;

  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);

  return (
    <div ref={ref} tabIndex={-1} role="alert" className={visible ? "alert" : "visually-hidden"}>
      {visible ? (
        <>
          <CircleAlert size={20} aria-hidden="true" />
          <div>
            <p className="alert-title">{t("errors.summaryTitle")}</p>
            {errors.message ? <p>{errors.message}</p> : null}
            {entries.length > 0 ? (
              <ul>
                {entries.map(([field, message]) => {
                  const target = fieldIds[field];
                  return (
                    <li key={field}>
                      {target ? (
                        <a
                          href={`#${target}`}
                          onClick={(event) => {
                            event.preventDefault();
                            document.getElementById(target)?.focus();
                          }}
                        >
                          {message}
                        </a>
                      ) : (
                        message
                      )}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

/** A polite status message (saved, sent, signed out…). */
export function Notice({ tone = "success", children }: { tone?: "success" | "info"; children: ReactNode }) {
  return (
    <div role="status" className={`notice notice-${tone}`}>
      {tone === "success" ? <CircleCheck size={20} aria-hidden="true" /> : <Info size={20} aria-hidden="true" />}
      <div>{children}</div>
    </div>
  );
}

/** An always-present live region, so messages that appear later are announced reliably. */
export function LiveStatus({ tone = "success", message }: { tone?: "success" | "info"; message: string | null }) {
  return (
    <div role="status" className={message ? `notice notice-${tone}` : "visually-hidden"}>
      {message ? (
        <>
          {tone === "success" ? <CircleCheck size={20} aria-hidden="true" /> : <Info size={20} aria-hidden="true" />}
          <div>{message}</div>
        </>
      ) : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <LoaderCircle size={20} className="spin" aria-hidden="true" />
      <span>{label ?? t("app.loading")}</span>
    </div>
  );
}
