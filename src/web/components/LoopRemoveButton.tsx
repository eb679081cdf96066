/** The trash-can button of loops, comments and drafts, confirmed in a dialog before anything is removed. */
import { useTranslation } from "react-i18next";
import { Trash2 } from "lucide-react";
import { ConfirmDialog } from "./ConfirmDialog.js";

export function LoopRemoveButton(props: {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /** "danger" draws the trigger in the danger colour; "quiet" as a text button. */
  look?: "danger" | "quiet";
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      triggerClassName={props.look === "danger" ? "button button-danger" : "button button-quiet"}
      trigger={
        <>
          <Trash2 size={18} aria-hidden="true" />
          {props.label}
        </>
      }
      title={props.title}
      body={<p>{props.body}</p>}
      confirmLabel={props.confirmLabel}
      cancelLabel={t("dialog.cancel")}
      tone="danger"
      onConfirm={props.onConfirm}
    />
  );
}
