/** Inviting by e-mail and the list of invitations still waiting for an answer. */
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { MailX, Send } from "lucide-react";
import { EmailBody } from "../../shared/schemas/organisations.js";
import type { Invitation } from "../api/organisations.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { useFeedback, type StatusMessage } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { EmailField } from "./Field.js";
import { ErrorSummary, Feedback, LiveStatus } from "./Messages.js";

// The API's "email" is someone else's address here: its messages must not say "your".
const FIELDS = ["personEmail"] as const;
const ALIASES = { email: "personEmail" };

export interface EmailFormProps {
  id: string;
  label: string;
  hint?: string;
  submitLabel: string;
  /** More fields between the address and the button (e.g. the role). */
  children?: ReactNode;
  /** Sends the address; resolves to the message to show. */
  onSubmit: (email: string) => Promise<StatusMessage>;
}

/** One e-mail address to add someone or invite them; the outcome is announced. */
export function EmailForm({ id, label, hint, submitLabel, children, onSubmit }: EmailFormProps) {
  const { t } = useTranslation();
  const form = useForm({ personEmail: "" });
  const [done, setDone] = useState<StatusMessage | null>(null);
  const mutation = useMutation({
    mutationFn: onSubmit,
    onSuccess: (message) => {
      setDone(message);
      form.reset();
    },
    onError: (error) => form.fail(describeError(error, FIELDS, ALIASES)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setDone(null);
    const body = { email: form.values.personEmail };
    const problems = checkWithSchema(EmailBody, body, ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(body.email.trim());
  };

  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={form.errors} fieldIds={{ personEmail: id }} focusKey={form.focusKey} />
      <EmailField
        id={id}
        label={label}
        hint={hint}
        autoComplete="off"
        {...form.bind("personEmail")}
      />
      {children}
      <LiveStatus tone={done?.tone} message={done ? t(done.key, done.values) : null} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
          <Send size={18} aria-hidden="true" />
          {mutation.isPending ? t("invitations.sending") : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Pending invitations, each with the role it gives, when it expires, and a withdraw button. */
export function PendingInvitations({
  id,
  invitations,
  roleLabel,
  onWithdraw,
}: {
  id: string;
  invitations: readonly Invitation[];
  roleLabel: (role: Invitation["role"]) => string;
  onWithdraw: (invitation: Invitation) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const heading = useRef<HTMLHeadingElement>(null);
  const language = formattingLocale(currentLanguage());
  return (
    <div className="stack">
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t("invitations.pendingTitle")}
      </h3>
      {invitations.length === 0 ? (
        <p className="muted">{t("invitations.none")}</p>
      ) : (
        <ul className="item-list" aria-labelledby={id}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="item">
              <div className="item-body">
                <p className="item-title">{invitation.email}</p>
                <p className="muted small">
                  {t("invitations.detail", {
                    role: roleLabel(invitation.role),
                    date: formatDateTime(invitation.expiresAt, language),
                  })}
                </p>
              </div>
              {invitation.abilities.withdraw ? (
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={t("invitations.withdrawLabel", { email: invitation.email })}
                  onClick={() =>
                    void feedback.run(async () => {
                      await onWithdraw(invitation);
                      feedback.succeed("invitations.withdrawn", { email: invitation.email });
                      // The button is gone with its row: keep the keyboard in the list.
                      heading.current?.focus();
                    })
                  }
                >
                  <MailX size={18} aria-hidden="true" />
                  {t("invitations.withdraw")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Feedback feedback={feedback.state} />
    </div>
  );
}
