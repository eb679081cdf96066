/**
 * One flagged loop, for its flagging leader and the safeguarding contacts: the flag (reason, note,
 * who, when, status), the loop with its files and conversation — an anonymous loop without its
 * sender — what was done so far, and for contacts the form that records the next step. Opening
 * the page is recorded in the organisation's audit log by the server.
 */
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import {
  RecordStepBody,
  SAFEGUARDING_NOTE_MAX_LENGTH,
  SAFEGUARDING_STATUSES,
  type SafeguardingFlagDetail,
  type SafeguardingStatus,
} from "../../shared/schemas/safeguarding.js";
import { ApiError } from "../api/client.js";
import { getSafeguardingFlag, recordSafeguardingStep, safeguardingFlagKey, safeguardingKey } from "../api/safeguarding.js";
import { AttachmentList } from "../components/AttachmentList.js";
import { CommentThread } from "../components/CommentThread.js";
import { EmojiBadge } from "../components/EmojiScale.js";
import { ChoiceGroup, TextAreaField } from "../components/Field.js";
import { formatLoopTime, loopTitle } from "../components/LoopCard.js";
import { LoopTagList } from "../components/LoopTags.js";
import { LoopText } from "../components/LoopText.js";
import { ErrorSummary, Feedback, QueryView } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { useOrganisation } from "./OrganisationLayout.js";
import "../styles/safeguarding.css";

export function SafeguardingFlagPage() {
  const { t } = useTranslation();
  const { flagId = "" } = useParams();
  const { organisation } = useOrganisation();
  useSectionTitle(t("safeguarding.flag.title"), organisation.name);
  // Each opening is an audited view: no refetch on focus or reconnect.
  const flag = useQuery({ queryKey: safeguardingFlagKey(flagId), queryFn: () => getSafeguardingFlag(flagId), refetchOnWindowFocus: false, retry: false });
  const gone = flag.error instanceof ApiError && flag.error.status === 404;
  return (
    <div className="stack">
      <p>
        <Link className="back-link" to={`/organisations/${organisation.id}/safeguarding`}>
          <ArrowLeft size={18} aria-hidden="true" />
          {t("safeguarding.flag.back")}
        </Link>
      </p>
      {gone ? <p className="empty-state">{t("safeguarding.flag.gone")}</p> : <QueryView query={flag}>{(detail) => <FlagView detail={detail} />}</QueryView>}
    </div>
  );
}

function FlagView({ detail }: { detail: SafeguardingFlagDetail }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const { flag, loop, thread } = detail;
  const reason = t(`safeguarding.reasons.${flag.reason}`);
  return (
    <>
      <section className="card stack" aria-labelledby="flag-title">
        <div className="card-header">
          <h2 id="flag-title">{t("safeguarding.flag.title")}</h2>
          <p className="muted">{t("safeguarding.flag.lead", { reason, group: flag.groupName ?? "—" })}</p>
        </div>
        <dl className="safeguarding-facts">
          <dt>{t("safeguarding.flag.status")}</dt>
          <dd>
            <span className={`badge badge-safeguarding-${flag.status}`}>{t(`safeguarding.statuses.${flag.status}`)}</span>
          </dd>
          <dt>{t("safeguarding.flag.reason")}</dt>
          <dd>{reason}</dd>
          <dt>{t("safeguarding.flag.by")}</dt>
          <dd>
            {flag.flaggedBy?.name ?? t("safeguarding.flag.deletedUser")} · <time dateTime={flag.flaggedAt}>{formatLoopTime(flag.flaggedAt, language)}</time>
          </dd>
          <dt>{t("safeguarding.flag.note")}</dt>
          <dd>
            <LoopText text={flag.note} />
          </dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="flag-loop-title">
        <h2 id="flag-loop-title">{t("safeguarding.flag.loopTitle")}</h2>
        {loop ? (
          <article className="loop-detail stack" aria-label={loopTitle(t, loop)}>
            <div className="loop-detail-head">
              <EmojiBadge level={loop.emoji} size={48} />
              <p className="loop-detail-meta">
                <span>{loop.sender ? t("safeguarding.flag.sentBy", { name: loop.sender.name }) : t("safeguarding.flag.anonymous")}</span>
                <time dateTime={loop.sentAt} className="muted small">
                  {formatLoopTime(loop.sentAt, language)}
                </time>
              </p>
            </div>
            {loop.text ? <LoopText text={loop.text} /> : <p className="muted">{t("loopPages.noText")}</p>}
            <LoopTagList tags={loop.tags} />
            <AttachmentList attachments={loop.attachments} headingId="flag-attachments-title" headingLevel={3} />
          </article>
        ) : (
          <p className="muted">{flag.loopId ? t("safeguarding.flag.loopHidden") : t("safeguarding.flag.loopGone")}</p>
        )}
      </section>
      {/* Contacts read the conversation; with no comments there is nothing to show (and nothing for them to write). */}
      {loop && thread && thread.comments.length > 0 ? <CommentThread loop={loop} thread={thread} group={undefined} showCommentBank={false} /> : null}
      <History detail={detail} />
      {flag.abilities.recordStep ? <StepForm detail={detail} /> : null}
    </>
  );
}

function History({ detail }: { detail: SafeguardingFlagDetail }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const { flag, history } = detail;
  return (
    <section className="card stack" aria-labelledby="flag-history-title">
      <h2 id="flag-history-title">{t("safeguarding.flag.historyTitle")}</h2>
      <ol className="item-list">
        <li className="item">
          <div className="item-body">
            <p className="item-title">{t("safeguarding.flag.flaggedStep", { name: flag.flaggedBy?.name ?? t("safeguarding.flag.deletedUser") })}</p>
            <p className="muted small">
              <time dateTime={flag.flaggedAt}>{formatLoopTime(flag.flaggedAt, language)}</time>
            </p>
          </div>
        </li>
        {history.map((step) => (
          <li key={step.id} className="item">
            <div className="item-body">
              <p className="item-title">
                {t("safeguarding.flag.stepBy", { status: t(`safeguarding.statuses.${step.status}`), name: step.by?.name ?? t("safeguarding.flag.deletedUser") })}
              </p>
              <LoopText text={step.note} />
              <p className="muted small">
                <time dateTime={step.at}>{formatLoopTime(step.at, language)}</time>
              </p>
            </div>
          </li>
        ))}
      </ol>
      {history.length === 0 ? <p className="muted">{t("safeguarding.flag.historyEmpty")}</p> : null}
    </section>
  );
}

const STEP_FIELDS = ["status", "note"] as const;

function StepForm({ detail }: { detail: SafeguardingFlagDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { flag } = detail;
  const [status, setStatus] = useState<SafeguardingStatus>(flag.status === "open" ? "forwarded_social_services" : flag.status);
  const form = useForm({ note: "" });
  const [pending, setPending] = useState(false);
  const feedback = useFeedback();
  const ids = { status: "step-status", note: "step-note" };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { status, note: form.values.note };
    const problems = checkWithSchema(RecordStepBody, body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      const saved = await recordSafeguardingStep(flag.id, body);
      // The answer carries the flag and its history: no second (audited) view needed.
      queryClient.setQueryData<SafeguardingFlagDetail>(safeguardingFlagKey(flag.id), (current) => (current ? { ...current, ...saved } : current));
      void queryClient.invalidateQueries({ queryKey: safeguardingKey, predicate: (q) => q.queryKey[1] !== "flag" });
      form.reset();
      feedback.succeed("safeguarding.flag.recorded");
    } catch (error) {
      form.fail(describeError(error, STEP_FIELDS));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="step-title">
      <h2 id="step-title">{t("safeguarding.flag.recordTitle")}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
        <ChoiceGroup
          name={ids.status}
          legend={t("safeguarding.flag.newStatus")}
          value={status}
          onChange={setStatus}
          choices={SAFEGUARDING_STATUSES.map((value) => ({ value, label: t(`safeguarding.statuses.${value}`) }))}
        />
        <TextAreaField
          id={ids.note}
          label={t("safeguarding.flag.stepNote")}
          hint={t("safeguarding.flag.stepNoteHint")}
          rows={4}
          maxLength={SAFEGUARDING_NOTE_MAX_LENGTH}
          {...form.bind("note")}
        />
        <div className="form-actions">
          <button type="submit" className={pending ? "button button-primary is-busy" : "button button-primary"} aria-disabled={pending || undefined}>
            {pending ? t("safeguarding.flag.recording") : t("safeguarding.flag.record")}
          </button>
        </div>
        <Feedback feedback={feedback.state} />
      </form>
    </section>
  );
}
