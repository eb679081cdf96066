/** A confirmation step for consequential actions, built on react-aria-components' modal dialog
 * (focus is trapped and restored, Escape cancels, the page behind is inert). */
import { useState, type ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, I18nProvider, Modal, ModalOverlay } from "react-aria-components";
import { currentLanguage } from "../i18n/index.js";

export interface ConfirmDialogProps {
  /** Content of the button that opens the dialog. */
  trigger: ReactNode;
  triggerClassName?: string;
  isDisabled?: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Runs on confirm; the dialog closes when it resolves. */
  onConfirm: () => Promise<unknown>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  return (
    // react-aria's own hidden strings (e.g. the dismiss button) follow the interface language.
    <I18nProvider locale={currentLanguage()}>
      <DialogTrigger>
        <Button className={props.triggerClassName ?? "button"} isDisabled={props.isDisabled}>
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
                    <Button
                      className="button button-primary"
                      isPending={pending}
                      onPress={() => {
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
