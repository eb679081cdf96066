/**
 * "Requires reporting" on a loop's page: for its leaders and tutors, the action that flags the loop
 * (a dialog with the reason and a note to the safeguarding contacts), and the flags they made
 * themselves with the status the contacts set. Everyone else sees nothing here: the server shows
 * no one another person's flag.
 */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Heading } from "react-aria-components";
import { ShieldAlert } from "lucide-react";
import type { Loop } from "../../shared/schemas/loops.js";
import { FlagLoopBody, SAFEGUARDING_NOTE_MAX_LENGTH, SAFEGUARDING_REASONS, type SafeguardingReason } from "../../shared/schemas/safeguarding.js";
import { flagLoop, getLoopSafeguarding, loopSafeguardingKey, safeguardingKey } from "../api/safeguarding.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { ChoiceGroup, TextAreaField } from "./Field.js";
import { formatLoopTime } from "./LoopCard.js";
import { ErrorSummary, Feedback } from "./Messages.js";
import { TaskDialogActions, TaskFormDialog } from "./TaskDialog.js";

const FIELDS = ["reason", "note"] as const;

export function SafeguardingPanel({ loop }: { loop: Loop }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const safeguarding = useQuery({ queryKey: loopSafeguardingKey(loop.id), queryFn: () => getLoopSafeguarding(loop.id) });
  const feedback = useFeedback();
  const data = safeguarding.data;
  if (!data || (!data.abilities.flag && data.flags.length === 0)) return null;
  return (
    <section className="card stack" aria-labelledby="safeguarding-title">
      <h2 id="safeguarding-title" className="loop-section-title">
        {t("safeguarding.panel.title")}
      </h2>
      {data.flags.map((flag) => (
        <p key={flag.id}>
          {t("safeguarding.panel.mine", {
            time: formatLoopTime(flag.flaggedAt, language),
            reason: t(`safeguarding.reasons.${flag.reason}`),
            status: t(`safeguarding.statuses.${flag.status}`),
          })}{" "}
          <Link to={`/organisations/${flag.organisationId}/safeguarding/${flag.id}`}>{t("safeguarding.panel.open")}</Link>
        </p>
      ))}
      {data.abilities.flag ? (
        data.contactsDesignated ? (
          <>
            <p className="muted">{t("safeguarding.panel.intro")}</p>
            <div>
              <TaskFormDialog
                triggerClassName="button"
                trigger={
                  <>
                    <ShieldAlert size={18} aria-hidden="true" />
                    {t("safeguarding.panel.flag")}
                  </>
                }
              >
                {(close) => <FlagForm loop={loop} close={close} onFlagged={() => feedback.succeed("safeguarding.panel.flagged")} />}
              </TaskFormDialog>
            </div>
          </>
        ) : (
          <p className="muted">{t("safeguarding.panel.noContacts")}</p>
        )
      ) : null}
      <Feedback feedback={feedback.state} />
    </section>
  );
}

function FlagForm({ loop, close, onFlagged }: { loop: Loop; close: () => void; onFlagged: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ note: "" });
  const [reason, setReason] = useState<SafeguardingReason>("abuse");
  const [pending, setPending] = useState(false);
  const ids = { reason: `flag-${loop.id}-reason`, note: `flag-${loop.id}-note` };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { reason, note: form.values.note };
    const problems = checkWithSchema(FlagLoopBody, body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      await flagLoop(loop.id, body);
      await queryClient.invalidateQueries({ queryKey: safeguardingKey });
      onFlagged();
      close();
    } catch (error) {
      form.fail(describeError(error, FIELDS));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Heading slot="title" level={2}>
        {t("safeguarding.dialog.title")}
      </Heading>
      <p>{t("safeguarding.dialog.body")}</p>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <ChoiceGroup
        name={ids.reason}
        legend={t("safeguarding.dialog.reason")}
        value={reason}
        onChange={setReason}
        choices={SAFEGUARDING_REASONS.map((value) => ({ value, label: t(`safeguarding.reasons.${value}`), description: t(`safeguarding.reasonHints.${value}`) }))}
      />
      <TextAreaField
        id={ids.note}
        label={t("safeguarding.dialog.note")}
        hint={t("safeguarding.dialog.noteHint")}
        rows={5}
        maxLength={SAFEGUARDING_NOTE_MAX_LENGTH}
        {...form.bind("note")}
      />
      <TaskDialogActions close={close} pending={pending} submitLabel={t("safeguarding.dialog.submit")} />
    </form>
  );
}
