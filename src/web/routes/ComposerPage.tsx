/**
 * Sending a loop: the task (or a free loop), how it went on the emoji scale, tags, text and files,
 * and — for free loops where the group allows it — sending it anonymously. What is typed is kept
 * as a draft in this browser until it is sent or discarded (never the files); sign-out removes it.
 * Opened from a check-in's reminder (`?checkin=<occurrence id>`), it shows the check-in's question
 * first, pre-selects its suggested tags and sends a free loop answering that occurrence.
 */
import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Switch } from "react-aria-components";
import { ArrowRight, EyeOff, Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { LOOP_TEXT_MAX_LENGTH, MAX_ATTACHMENTS_PER_LOOP, type Loop } from "../../shared/schemas/loops.js";
import type { Task } from "../../shared/schemas/tasks.js";
import { ApiError } from "../api/client.js";
import { getGroup } from "../api/groups.js";
import { getOccurrence, occurrenceKey } from "../api/checkins.js";
import { sendLoop } from "../api/loops.js";
import { listTags, listTasks, tasksKey } from "../api/tasks.js";
import { AttachmentPicker, MAX_ATTACHMENT_MB, type PickProblem } from "../components/AttachmentPicker.js";
import { CheckinPrompt } from "../components/CheckinPrompt.js";
import { LoopRemoveButton } from "../components/LoopRemoveButton.js";
import { EmojiScale } from "../components/EmojiScale.js";
import { SelectField, TextAreaField } from "../components/Field.js";
import { LoopTagPicker } from "../components/LoopTags.js";
import { TaskInstructions } from "../components/TaskInstructions.js";
import { ErrorSummary, Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { errorMessage, NO_ERRORS, normaliseProblem, type DescribeErrors, type FormErrors } from "../lib/formErrors.js";
import { usePageTitle, useUser } from "../lib/hooks.js";
import { discardDraft, EMPTY_DRAFT, isEmptyDraft, loadDraft, saveDraft, type LoopDraft } from "../lib/loopDrafts.js";
import { inboxKey, myLoopsKey, offeredTagsKey } from "../lib/loopKeys.js";
import { groupKey } from "../lib/queryClient.js";

const FIELD_IDS = {
  taskId: "composer-task",
  emoji: "composer-emoji",
  tagIds: "composer-tags",
  text: "composer-text",
  files: "composer-files",
  anonymous: "composer-anonymous",
  checkinOccurrenceId: "composer-checkin",
};
const FIELDS = Object.keys(FIELD_IDS);

/** A field's problem in words: the composer's own sentence first, then the app's general one. */
function problemText(t: TFunction, field: string, problem: string): string {
  const code = normaliseProblem(problem);
  const own = field === "checkinOccurrenceId" ? [`checkins.composer.errors.${code}`] : [];
  return t([...own, `composer.errors.${field}.${code}`, `errors.field.${code}`, "errors.field.invalid"], {
    max: MAX_ATTACHMENTS_PER_LOOP,
    maxLength: LOOP_TEXT_MAX_LENGTH,
  });
}

/** The server's refusal: field problems next to their fields; too large and refused types named. */
function describeSendError(error: unknown, anonymous: boolean): DescribeErrors {
  return (t) => {
    if (error instanceof ApiError && (error.status === 413 || error.code === "attachment_too_large")) {
      return { fields: { files: t("composer.errors.tooLarge", { maxMb: MAX_ATTACHMENT_MB }) } };
    }
    if (error instanceof ApiError && (error.status === 415 || error.code === "attachment_type_refused")) {
      return { fields: { files: t(anonymous ? "composer.errors.typeRefusedAnonymous" : "composer.errors.typeRefused") } };
    }
    const fields: FormErrors["fields"] = {};
    if (error instanceof ApiError) {
      for (const [path, problem] of Object.entries(error.fields)) {
        const field = path.split(".")[0] ?? "";
        if (FIELDS.includes(field) && fields[field] === undefined) fields[field] = problemText(t, field, problem);
      }
      if (error.code === "validation" && Object.keys(fields).length > 0) return { fields };
    }
    return { message: errorMessage(t, error), fields };
  };
}

export function ComposerPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  usePageTitle(t("composer.title"));
  const group = useQuery({ queryKey: groupKey(groupId), queryFn: () => getGroup(groupId) });
  return (
    <div className="page">
      <QueryView query={group}>{(loaded) => <Composer group={loaded} />}</QueryView>
    </div>
  );
}

function Composer({ group }: { group: Group }) {
  const { t } = useTranslation();
  const user = useUser();
  const lead =
    group.type === "flat"
      ? t("composer.leadFlat", { group: group.name })
      : t(group.hasStudentMembers ? "composer.lead" : "composer.leadWork", { group: group.name });
  const [sent, setSent] = useState<Loop | null>(null);
  const [, setParams] = useSearchParams();

  if (!group.abilities.sendLoop) {
    return (
      <>
        <PageHeading lead={lead}>{t("composer.title")}</PageHeading>
        <div className="empty-state">
          <h2>{t("composer.cannotSendTitle")}</h2>
          <p>{group.active ? t("composer.cannotSend") : t("composer.groupClosed")}</p>
          <Link className="button" to={`/groups/${group.id}`}>
            {t("composer.backToGroup", { group: group.name })}
          </Link>
        </div>
      </>
    );
  }
  if (sent) {
    const another = () => {
      setSent(null);
      // The check-in is answered; another loop is about something else.
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.delete("checkin");
        return next;
      });
    };
    return <SentConfirmation loop={sent} group={group} onAnother={another} />;
  }
  return (
    <>
      <PageHeading lead={lead}>{t("composer.title")}</PageHeading>
      <ComposerForm group={group} userId={user.id} onSent={setSent} />
    </>
  );
}

/** After sending: what happened, the way to the loop, and another one. */
function SentConfirmation({ loop, group, onAnother }: { loop: Loop; group: Group; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading lead={loop.anonymous ? t("composer.sentAnonymousLead") : t("composer.sentLead")}>{t("composer.sentTitle")}</PageHeading>
      <Notice>{loop.task ? t("composer.sentReport", { task: loop.task.title }) : t("composer.sentFree", { group: group.name })}</Notice>
      <div className="form-actions">
        <Link className="button button-primary" to={`/loops/${loop.id}`}>
          {t("composer.openLoop")}
          <ArrowRight size={18} aria-hidden="true" />
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          <Send size={18} aria-hidden="true" />
          {t("composer.sendAnother")}
        </button>
        <Link className="button button-quiet" to="/my/loops">
          {t("composer.myLoops")}
        </Link>
      </div>
    </>
  );
}

function ComposerForm({ group, userId, onSent }: { group: Group; userId: string; onSent: (loop: Loop) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const tasks = useQuery({ queryKey: tasksKey(group.id), queryFn: () => listTasks(group.id) });
  const tags = useQuery({ queryKey: offeredTagsKey(group.id), queryFn: () => listTags(group.id) });
  const [draft, setDraft] = useState<LoopDraft>(() => {
    const saved = loadDraft(userId, group.id) ?? EMPTY_DRAFT;
    const fromLink = params.get("taskId");
    return fromLink ? { ...saved, taskId: fromLink, anonymous: false } : saved;
  });
  const [restored] = useState(() => !isEmptyDraft(loadDraft(userId, group.id) ?? EMPTY_DRAFT));
  const [files, setFiles] = useState<File[]>([]);
  const [pickProblem, setPickProblem] = useState<PickProblem | null>(null);
  const [describe, setDescribe] = useState<DescribeErrors | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [sending, setSending] = useState(false);
  const errors = describe ? describe(t) : NO_ERRORS;

  // Answering a check-in: its occurrence (of this group only) makes this a free loop with its question.
  const occurrenceId = params.get("checkin");
  const occurrenceQuery = useQuery({
    queryKey: occurrenceKey(occurrenceId ?? ""),
    queryFn: () => getOccurrence(occurrenceId ?? ""),
    enabled: occurrenceId !== null,
    retry: false,
  });
  const occurrence = occurrenceQuery.data?.groupId === group.id ? occurrenceQuery.data : null;
  const checkinUnavailable = occurrenceId !== null && (occurrenceQuery.isError || (occurrenceQuery.data !== undefined && occurrence === null));
  // Its suggested tags are chosen once, when it arrives (the sender may then change them).
  const [suggestedFor, setSuggestedFor] = useState<string | null>(null);
  if (occurrence && suggestedFor !== occurrence.id) {
    setSuggestedFor(occurrence.id);
    setDraft((current) => ({
      ...current,
      taskId: null,
      tagIds: [...new Set([...current.tagIds, ...occurrence.suggestedTags.map((tag) => tag.id)])],
    }));
  }

  const reportable = (tasks.data ?? []).filter((task) => task.published && task.abilities.report);
  // A task from a link or an old draft that can no longer be reported on makes it a free loop.
  const task = reportable.find((candidate) => candidate.id === draft.taskId) ?? null;
  const taskId = occurrence ? null : tasks.data ? (task?.id ?? null) : draft.taskId;
  const canBeAnonymous = taskId === null && group.abilities.sendAnonymous;
  const anonymous = canBeAnonymous && draft.anonymous;
  const offeredTags = (tags.data ?? []).filter((tag) => !tag.archived);
  const tagIds = tags.data ? draft.tagIds.filter((id) => offeredTags.some((tag) => tag.id === id)) : draft.tagIds;

  useEffect(() => {
    saveDraft(userId, group.id, draft);
  }, [userId, group.id, draft]);

  const update = (change: Partial<LoopDraft>) => setDraft((current) => ({ ...current, ...change }));

  const fail = (next: DescribeErrors) => {
    setDescribe(() => next);
    setFocusKey((key) => key + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (draft.emoji === null) {
      return fail((tr) => ({ fields: { emoji: tr("composer.errors.emoji.required") } }));
    }
    setDescribe(null);
    setSending(true);
    try {
      const loop = await sendLoop(
        group.id,
        { taskId, emoji: draft.emoji, tagIds, text: draft.text, anonymous, checkinOccurrenceId: occurrence?.id ?? null },
        files,
      );
      discardDraft(userId, group.id);
      setDraft(EMPTY_DRAFT);
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: inboxKey });
      void queryClient.invalidateQueries({ queryKey: myLoopsKey });
      void queryClient.invalidateQueries({ queryKey: tasksKey(group.id) });
      onSent(loop);
    } catch (error) {
      fail(describeSendError(error, anonymous));
    } finally {
      setSending(false);
    }
  };

  const discard = async () => {
    discardDraft(userId, group.id);
    setDraft(EMPTY_DRAFT);
    setFiles([]);
    setPickProblem(null);
    setDescribe(null);
  };

  const fieldError = (name: keyof typeof FIELD_IDS) => errors.fields[name];

  return (
    <form className="form composer" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="composer-form-title">
      <h2 id="composer-form-title" className="visually-hidden">
        {t("composer.formTitle")}
      </h2>
      {restored ? <p className="muted small">{t("composer.draftRestored")}</p> : null}
      <ErrorSummary errors={errors} fieldIds={FIELD_IDS} focusKey={focusKey} />

      {checkinUnavailable ? <Notice tone="info">{t("checkins.composer.unavailable")}</Notice> : null}
      {occurrence ? (
        <CheckinPrompt id={FIELD_IDS.checkinOccurrenceId} occurrence={occurrence} error={fieldError("checkinOccurrenceId")} />
      ) : occurrenceId !== null && occurrenceQuery.isPending ? null : (
        <QueryView query={tasks}>
          {() => (
            <TaskChoice
              tasks={reportable}
              value={taskId}
              error={fieldError("taskId")}
              onChange={(next) => update({ taskId: next, anonymous: next === null ? draft.anonymous : false })}
            />
          )}
        </QueryView>
      )}
      {task?.instructions ? (
        <details className="composer-instructions">
          <summary>{t("composer.instructions", { task: task.title })}</summary>
          <TaskInstructions text={task.instructions} />
        </details>
      ) : null}

      <EmojiScale
        id={FIELD_IDS.emoji}
        value={draft.emoji}
        onChange={(emoji) => {
          update({ emoji });
          // The one problem found before sending is solved by choosing a face.
          if (errors.fields.emoji) setDescribe(null);
        }}
        error={fieldError("emoji")}
      />

      <LoopTagPicker id={FIELD_IDS.tagIds} tags={offeredTags} selected={tagIds} onChange={(next) => update({ tagIds: next })} />
      {fieldError("tagIds") ? <p className="field-error">{fieldError("tagIds")}</p> : null}

      <TextAreaField
        id={FIELD_IDS.text}
        label={t("composer.text")}
        hint={<TextCounter length={draft.text.length} />}
        rows={6}
        maxLength={LOOP_TEXT_MAX_LENGTH}
        value={draft.text}
        onChange={(event) => update({ text: event.target.value })}
        error={fieldError("text")}
      />

      <AttachmentPicker
        id={FIELD_IDS.files}
        files={files}
        onChange={(next) => {
          setFiles(next);
          if (errors.fields.files) setDescribe(null);
        }}
        problem={pickProblem}
        onProblem={setPickProblem}
        error={fieldError("files")}
        hint={anonymous ? t("composer.anonymousFiles") : undefined}
      />

      {canBeAnonymous ? (
        <div className="composer-anonymous">
          <Switch
            id={FIELD_IDS.anonymous}
            className="switch"
            isSelected={draft.anonymous}
            onChange={(on) => update({ anonymous: on })}
            aria-describedby="composer-anonymous-hint"
          >
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            <EyeOff size={18} aria-hidden="true" />
            {t("composer.anonymous")}
          </Switch>
          <p className="field-hint" id="composer-anonymous-hint">
            {t(group.hasStudentMembers ? "composer.anonymousHint" : "composer.anonymousHintWork")}
          </p>
          {fieldError("anonymous") ? <p className="field-error">{fieldError("anonymous")}</p> : null}
        </div>
      ) : null}

      <div className="form-actions composer-actions">
        <button type="submit" className={sending ? "button button-primary is-busy" : "button button-primary"} aria-disabled={sending || undefined}>
          <Send size={18} aria-hidden="true" />
          {sending ? t("composer.sending") : anonymous ? t("composer.sendAnonymously") : t("composer.send")}
        </button>
        {!isEmptyDraft(draft) || files.length > 0 ? (
          <LoopRemoveButton
            label={t("composer.discard")}
            title={t("composer.discardTitle")}
            body={t("composer.discardBody")}
            confirmLabel={t("composer.discardConfirm")}
            onConfirm={discard}
          />
        ) : null}
      </div>
      <p className="muted small">{t("composer.draftNote")}</p>
    </form>
  );
}

/** The task select: a free loop, or one of the published tasks with my progress on it. */
function TaskChoice(props: { tasks: readonly Task[]; value: string | null; error: string | undefined; onChange: (taskId: string | null) => void }) {
  const { t } = useTranslation();
  const options = [
    { value: "", label: t("composer.freeLoop") },
    ...props.tasks.map((task) => ({
      value: task.id,
      label: task.myState && task.myState !== "not_started" ? t(`composer.taskState.${task.myState}`, { task: task.title }) : task.title,
    })),
  ];
  return (
    <SelectField
      id={FIELD_IDS.taskId}
      label={t("composer.task")}
      hint={props.tasks.length === 0 ? t("composer.noTasks") : t("composer.taskHint")}
      options={options}
      value={props.value ?? ""}
      error={props.error}
      onChange={(event) => props.onChange(event.target.value || null)}
    />
  );
}

/** "1,234 of 10,000 characters": read on demand, not announced at every key press. */
function TextCounter({ length }: { length: number }) {
  const { t } = useTranslation();
  const format = new Intl.NumberFormat(currentLanguage());
  const near = length > LOOP_TEXT_MAX_LENGTH * 0.9;
  return (
    <span className={near ? "composer-counter composer-counter-near" : "composer-counter"}>
      {t("composer.counter", { count: length, length: format.format(length), max: format.format(LOOP_TEXT_MAX_LENGTH) })}
    </span>
  );
}
