/**
 * A group's recurring check-ins, for its leaders: set one up (a question, a weekday and time in
 * the organisation's time zone, suggested tags), edit, pause, resume or delete it, and see for
 * each recent time how many answered and how the answers spread over the emoji scale.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClock, Inbox, Pause, Pencil, Play, Plus } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import {
  checkinsKey,
  deleteCheckin,
  listCheckins,
  listOccurrences,
  occurrencesKey,
  updateCheckin,
  type Checkin,
  type CheckinListResult,
  type CheckinOccurrenceStats,
} from "../api/checkins.js";
import { listTags, tagsKey, type Tag } from "../api/tasks.js";
import { CheckinForm, timeOfDayText, weekdayName } from "../components/CheckinForm.js";
import { CheckinSpread } from "../components/CheckinSpread.js";
import { Feedback, Notice, QueryView } from "../components/Messages.js";
import { TagChip } from "../components/TagChip.js";
import { TaskFormDialog } from "../components/TaskDialog.js";
import { TaskDeleteButton, TaskEmptyState } from "../components/TaskListParts.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale, timeZoneLabel } from "../lib/format.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback, type Feedback as FeedbackApi } from "../lib/useFeedback.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/checkins.css";

/** An instant as a date and time in the organisation's zone (where the schedule is meant). */
function zonedDateTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(formattingLocale(language), { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit", timeZone }).format(
    new Date(iso),
  );
}

export function GroupCheckinsPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("checkins.title"), group.name);
  const allowed = group.abilities.publish;
  const checkins = useQuery({ queryKey: checkinsKey(group.id), queryFn: () => listCheckins(group.id), enabled: allowed });
  // The tags a check-in may suggest: the group's, archived ones included (an old check-in may carry one).
  const tags = useQuery({ queryKey: tagsKey(group.id), queryFn: () => listTags(group.id, true), enabled: allowed });
  if (!allowed) return <Notice tone="info">{t("checkins.notAllowed")}</Notice>;
  return <QueryView query={checkins}>{(list) => <CheckinsSection group={group} list={list} tags={tags.data ?? []} />}</QueryView>;
}

function CheckinsSection({ group, list, tags }: { group: Group; list: CheckinListResult; tags: Tag[] }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const offered = tags.filter((tag) => !tag.archived);
  const saved = (checkin: Checkin, created: boolean) => {
    queryClient.setQueryData<CheckinListResult>(checkinsKey(group.id), (current) =>
      current
        ? {
            ...current,
            checkins: current.checkins.some((c) => c.id === checkin.id)
              ? current.checkins.map((c) => (c.id === checkin.id ? checkin : c))
              : [...current.checkins, checkin],
          }
        : current,
    );
    void queryClient.invalidateQueries({ queryKey: checkinsKey(group.id), exact: true });
    feedback.succeed(created ? "checkins.created" : "checkins.saved", { prompt: checkin.prompt });
  };
  return (
    <section className="card" aria-labelledby="checkins-title">
      <div className="card-header">
        <h2 id="checkins-title">{t("checkins.title")}</h2>
        <p className="muted">{t("checkins.lead")}</p>
      </div>
      <div className="form-actions">
        <TaskFormDialog
          triggerClassName="button button-primary"
          trigger={
            <>
              <Plus size={18} aria-hidden="true" />
              {t("checkins.new")}
            </>
          }
        >
          {(close) => <CheckinForm groupId={group.id} timeZone={list.timeZone} tags={offered} close={close} onSaved={saved} />}
        </TaskFormDialog>
      </div>
      <Feedback feedback={feedback.state} />
      {list.checkins.length === 0 ? (
        <TaskEmptyState icon={<CalendarClock size={28} />} title={t("checkins.emptyTitle")}>
          <p>{t("checkins.emptyBody")}</p>
        </TaskEmptyState>
      ) : (
        <ul className="checkin-list" aria-labelledby="checkins-title">
          {list.checkins.map((checkin) => (
            <li key={checkin.id} className="checkin-item">
              <CheckinItem group={group} checkin={checkin} tags={tags} offered={offered} feedback={feedback} onSaved={saved} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CheckinItem(props: { group: Group; checkin: Checkin; tags: Tag[]; offered: Tag[]; feedback: FeedbackApi; onSaved: (c: Checkin, created: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { group, checkin, feedback } = props;
  const language = currentLanguage();
  const chosenTags = checkin.tagIds.map((id) => props.tags.find((tag) => tag.id === id)).filter((tag): tag is Tag => tag !== undefined);
  const setActive = (active: boolean) =>
    void feedback.run(async () => {
      const updated = await updateCheckin(checkin.id, { active });
      props.onSaved(updated, false);
      feedback.succeed(active ? "checkins.resumedNow" : "checkins.pausedNow", { prompt: checkin.prompt });
    });
  return (
    <>
      <h3>{checkin.prompt}</h3>
      <p className="checkin-meta">
        <span>{t("checkins.schedule", { weekday: weekdayName(checkin.weekday, language), time: timeOfDayText(checkin.time, language), timeZone: timeZoneLabel(checkin.timeZone, formattingLocale(language)) })}</span>
        <span className={checkin.active ? "badge badge-on" : "badge badge-off"}>{checkin.active ? t("checkins.active") : t("checkins.paused")}</span>
        {checkin.nextOccurrenceAt ? <span className="muted small">{t("checkins.next", { date: zonedDateTime(checkin.nextOccurrenceAt, checkin.timeZone, language) })}</span> : null}
      </p>
      {chosenTags.length > 0 ? (
        <ul className="loop-tag-list" aria-label={t("checkins.tags")}>
          {chosenTags.map((tag) => (
            <li key={tag.id}>
              <TagChip tag={tag} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="checkin-actions">
        {checkin.abilities.update ? (
          <>
            <TaskFormDialog
              triggerClassName="button button-quiet"
              triggerLabel={t("checkins.editLabel", { prompt: checkin.prompt })}
              trigger={
                <>
                  <Pencil size={18} aria-hidden="true" />
                  {t("checkins.edit")}
                </>
              }
            >
              {(close) => <CheckinForm groupId={group.id} timeZone={checkin.timeZone} tags={props.offered} checkin={checkin} close={close} onSaved={props.onSaved} />}
            </TaskFormDialog>
            <button
              type="button"
              className="button button-quiet"
              aria-label={t(checkin.active ? "checkins.pauseLabel" : "checkins.resumeLabel", { prompt: checkin.prompt })}
              onClick={() => setActive(!checkin.active)}
            >
              {checkin.active ? <Pause size={18} aria-hidden="true" /> : <Play size={18} aria-hidden="true" />}
              {t(checkin.active ? "checkins.pause" : "checkins.resume")}
            </button>
          </>
        ) : null}
        {checkin.abilities.delete ? (
          <TaskDeleteButton
            label={t("checkins.deleteLabel", { prompt: checkin.prompt })}
            title={t("checkins.deleteDialog.title")}
            body={t("checkins.deleteDialog.body")}
            confirmLabel={t("checkins.deleteDialog.confirm")}
            feedback={feedback}
            remove={() => deleteCheckin(checkin.id)}
            removed={() =>
              queryClient.setQueryData<CheckinListResult>(checkinsKey(group.id), (current) =>
                current ? { ...current, checkins: current.checkins.filter((c) => c.id !== checkin.id) } : current,
              )
            }
            deletedKey="checkins.deleted"
            inUseKey="checkins.deleted"
            values={{ prompt: checkin.prompt }}
          />
        ) : null}
      </div>
      {checkin.abilities.readOccurrences ? <CheckinOccurrences group={group} checkin={checkin} /> : null}
    </>
  );
}

/** The day of an instant in the organisation's zone, as "13 November" (in the interface language). */
function zonedDay(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(formattingLocale(language), { day: "numeric", month: "long", timeZone }).format(new Date(iso));
}

/** The check-in's recent times, newest first, each with its answers and emoji spread. */
function CheckinOccurrences({ group, checkin }: { group: Group; checkin: Checkin }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const occurrences = useQuery({ queryKey: occurrencesKey(group.id, checkin.id), queryFn: () => listOccurrences(checkin.id) });
  const headingId = `checkin-${checkin.id}-occurrences`;
  return (
    <section className="checkin-occurrences" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {t("checkins.occurrences.title")}
        <span className="visually-hidden">: {checkin.prompt}</span>
      </h4>
      <QueryView query={occurrences}>
        {(page) =>
          page.occurrences.length === 0 ? (
            <p className="muted small">
              {checkin.nextOccurrenceAt
                ? t("checkins.occurrences.none", { date: zonedDateTime(checkin.nextOccurrenceAt, checkin.timeZone, language) })
                : t("checkins.occurrences.noneNoNext")}
            </p>
          ) : (
            <ul className="checkin-occurrence-list">
              {page.occurrences.map((o) => (
                <li key={o.id} className="checkin-occurrence">
                  <OccurrenceSummary groupId={group.id} occurrence={o} timeZone={checkin.timeZone} currentPrompt={checkin.prompt} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

/**
 * One time: when it was asked, how many answered out of how many, and the spread (with the
 * question, if it was worded otherwise then); a link to exactly these answers in the inbox.
 */
function OccurrenceSummary(props: { groupId: string; occurrence: CheckinOccurrenceStats; timeZone: string; currentPrompt: string }) {
  const { occurrence, timeZone, currentPrompt } = props;
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <div className="checkin-occurrence-head">
        <p>
          <strong>{t("checkins.occurrences.asked", { date: zonedDateTime(occurrence.occursAt, timeZone, language) })}</strong>
        </p>
        <p>
          {t("checkins.occurrences.answers", { count: occurrence.answerCount })}{" "}
          <span className="muted">
            {t("checkins.occurrences.reach", { senders: occurrence.senderCount, members: occurrence.memberCount })}
            {occurrence.anonymousCount > 0 ? `, ${t("checkins.occurrences.anonymous", { count: occurrence.anonymousCount })}` : null}
          </span>
        </p>
      </div>
      {occurrence.prompt !== currentPrompt ? <p className="muted small">“{occurrence.prompt}”</p> : null}
      {occurrence.answerCount > 0 ? (
        <>
          <CheckinSpread counts={occurrence.emoji} />
          <p>
            <Link
              to={`/inbox?groupId=${encodeURIComponent(props.groupId)}&checkinOccurrenceId=${encodeURIComponent(occurrence.id)}`}
              aria-label={t("checkins.occurrences.readLabel", { count: occurrence.answerCount, date: zonedDay(occurrence.occursAt, timeZone, language) })}
            >
              <Inbox size={16} aria-hidden="true" /> {t("checkins.occurrences.read", { count: occurrence.answerCount })}
            </Link>
          </p>
        </>
      ) : null}
    </>
  );
}
