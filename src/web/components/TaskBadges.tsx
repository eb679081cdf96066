/** The small facts of a task, each as an icon and words (never colour alone). */
import { useTranslation } from "react-i18next";
import { CalendarClock, Circle, CircleCheck, Eye, EyeOff, Send } from "lucide-react";
import type { Task } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";

const ICON = 16;

/** Draft (only leaders see it) or published (senders see it). */
export function TaskPublishedBadge({ task }: { task: Pick<Task, "published"> }) {
  const { t } = useTranslation();
  return task.published ? (
    <span className="badge badge-on">
      <Eye size={ICON} aria-hidden="true" />
      {t("taskPages.published")}
    </span>
  ) : (
    <span className="badge badge-off">
      <EyeOff size={ICON} aria-hidden="true" />
      {t("taskPages.draft")}
    </span>
  );
}

/** A sender's progress on a task: not started, sent or approved. */
export function TaskStateBadge({ state }: { state: NonNullable<Task["myState"]> }) {
  const { t } = useTranslation();
  const icon =
    state === "approved" ? <CircleCheck size={ICON} aria-hidden="true" /> : state === "sent" ? <Send size={ICON} aria-hidden="true" /> : <Circle size={ICON} aria-hidden="true" />;
  return (
    <span className={`badge task-state task-state-${state}`}>
      {icon}
      {t(`taskPages.state.${state}`)}
    </span>
  );
}

/** The due day in the interface language ("Due 12 Mar 2026", "Was due …" once past); nothing without one. */
export function TaskDue({ dueAt }: { dueAt: string | null }) {
  const { t } = useTranslation();
  if (!dueAt) return null;
  const date = new Date(dueAt);
  if (Number.isNaN(date.getTime())) return null;
  const day = new Intl.DateTimeFormat(formattingLocale(currentLanguage()), { dateStyle: "medium" }).format(date);
  const past = date.getTime() < Date.now();
  return (
    <span className="task-due">
      <CalendarClock size={ICON} aria-hidden="true" />
      <time dateTime={dueAt}>{t(past ? "taskPages.wasDue" : "taskPages.due", { date: day })}</time>
    </span>
  );
}

/** A role title inside a sentence ("tell your teacher"): titles are common nouns, written in lower case there. */
export function titleInSentence(title: string, language: string): string {
  return title.toLocaleLowerCase(language);
}
