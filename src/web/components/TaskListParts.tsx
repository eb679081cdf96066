/** Pieces the task and tag lists share: the empty state and "delete, or say why it can't be". */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Trash2 } from "lucide-react";
import { ApiError } from "../api/client.js";
import type { Feedback } from "../lib/useFeedback.js";
import { ConfirmDialog } from "./ConfirmDialog.js";

/** An empty list that teaches the next step. */
export function TaskEmptyState({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <span className="empty-state-icon" aria-hidden="true">
        {icon}
      </span>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/**
 * A confirmed delete. When the server answers 409 in_use (reports or loops depend on the item),
 * nothing is removed and the page says what to do instead (`inUseKey`), rather than an error.
 */
export function TaskDeleteButton(props: {
  /** The button's full name, e.g. "Delete Week 1". */
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  feedback: Feedback;
  remove: () => Promise<void>;
  /** Runs after a successful delete (e.g. drop the item from the cached list). */
  removed: () => void;
  deletedKey: string;
  inUseKey: string;
  values: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const { feedback } = props;
  return (
    <ConfirmDialog
      triggerClassName="button button-quiet"
      triggerLabel={props.label}
      trigger={
        <>
          <Trash2 size={18} aria-hidden="true" />
          {t("taskPages.delete")}
        </>
      }
      title={props.title}
      body={<p>{props.body}</p>}
      confirmLabel={props.confirmLabel}
      cancelLabel={t("dialog.cancel")}
      tone="danger"
      onConfirm={() =>
        feedback.run(async () => {
          try {
            await props.remove();
          } catch (error) {
            if (error instanceof ApiError && error.code === "in_use") {
              feedback.succeed(props.inUseKey, props.values, "info");
              return;
            }
            throw error;
          }
          props.removed();
          feedback.succeed(props.deletedKey, props.values);
        })
      }
    />
  );
}
