/** Error summary, success/info notices, action feedback and the loading indicator. */
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UseQueryResult } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Info, LoaderCircle, RotateCw } from "lucide-react";
import { errorMessage, type FormErrors } from "../lib/formErrors.js";
import type { FeedbackState } from "../lib/useFeedback.js";

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

/** An always-present alert region: the error of the last action, in the language shown now. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const shown = error !== null && error !== undefined;
  return (
    <div role="alert" className={shown ? "alert" : "visually-hidden"}>
      {shown ? (
        <>
          <CircleAlert size={20} aria-hidden="true" />
          <p>{errorMessage(t, error)}</p>
        </>
      ) : null}
    </div>
  );
}

/** The outcome of the last action of a section: a polite status or an alert. */
export function Feedback({ feedback }: { feedback: FeedbackState }) {
  const { t } = useTranslation();
  return (
    <>
      <LiveStatus tone={feedback.status?.tone} message={feedback.status ? t(feedback.status.key, feedback.status.values) : null} />
      <ErrorAlert error={feedback.error} />
    </>
  );
}

/** Loading something failed: say why and offer to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert">
      <div className="stack">
        <p>{errorMessage(t, error)}</p>
        <div>
          <button type="button" className="button" onClick={retry}>
            <RotateCw size={18} aria-hidden="true" />
            {t("errors.retry")}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * Renders a query's data, or its loading indicator, or its error with a retry button; nothing
 * for a query that is switched off (e.g. a list the person may not read).
 */
export function QueryView<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) return <LoadFailed error={query.error} retry={() => void query.refetch()} />;
  if (query.fetchStatus === "idle") return null;
  return <Loading />;
}
