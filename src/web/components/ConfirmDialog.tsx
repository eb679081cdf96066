/** A confirmation step for consequential actions, built on react-aria-components' modal dialog
 * (focus is trapped and restored, Escape cancels, the page behind is inert). */
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, DialogTrigger, Heading, I18nProvider, Modal, ModalOverlay } from "react-aria-components";
import { UserMinus } from "lucide-react";
import { currentLanguage } from "../i18n/index.js";

export interface ConfirmDialogProps {
  /** Content of the button that opens the dialog. */
  trigger: ReactNode;
  triggerClassName?: string;
  /** An accessible name for the trigger when its visible text alone is ambiguous in a list
   * ("Remove" → "Remove Ada Lind"); it must contain the visible text. */
  triggerLabel?: string;
  isDisabled?: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Runs on confirm; the dialog closes when it resolves. */
  onConfirm: () => Promise<unknown>;
  /** The confirm button waits for a choice made in the body. */
  confirmDisabled?: boolean;
  /** "danger" for what removes or closes something. */
  tone?: "danger";
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  return (
    // react-aria's own hidden strings (e.g. the dismiss button) follow the interface language.
    <I18nProvider locale={currentLanguage()}>
      <DialogTrigger>
        <Button className={props.triggerClassName ?? "button"} isDisabled={props.isDisabled} aria-label={props.triggerLabel}>
          {props.trigger}
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable={!pending} isKeyboardDismissDisabled={pending}>
          <Modal className="modal">
            <Dialog className="dialog" role="alertdialog">
              {({ close }) => (
                <>
                  <Heading slot="title" level={2}>
                    {props.title}
                  </Heading>
                  <div>{props.body}</div>
                  <div className="dialog-actions">
                    <Button className="button" onPress={close} isDisabled={pending}>
                      {props.cancelLabel}
                    </Button>
                    {/* Not react-aria's isPending: it announces the button by id through a live
                        region that outlives the closed dialog, leaving a dangling reference. */}
                    <Button
                      className={[props.tone === "danger" ? "button button-danger-solid" : "button button-primary", pending ? "is-busy" : ""]
                        .filter(Boolean)
                        .join(" ")}
                      isDisabled={props.confirmDisabled}
                      onPress={() => {
                        if (pending) return;
                        setPending(true);
                        // The caller shows its own outcome (success or error) on the page.
                        void props
                          .onConfirm()
                          .catch(() => undefined)
                          .finally(() => {
                            setPending(false);
                            close();
                          });
                      }}
                    >
                      {props.confirmLabel}
                    </Button>
                  </div>
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
    </I18nProvider>
  );
}

/** The quiet "Remove" button of a person's row in a list, confirmed in a dialog. */
export function RemovePersonButton(props: {
  /** The button's full name, e.g. "Remove Ada Lind from the group". */
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      triggerClassName="button button-quiet"
      trigger={
        <>
          <UserMinus size={18} aria-hidden="true" />
          {t("people.remove")}
        </>
      }
      triggerLabel={props.label}
      title={props.title}
      body={<p>{props.body}</p>}
      confirmLabel={props.confirmLabel}
      cancelLabel={t("dialog.cancel")}
      tone="danger"
      onConfirm={props.onConfirm}
    />
  );
}
