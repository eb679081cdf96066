/**
 * The next step on a group's overview page. Members: send a loop, and the published tasks with
 * their progress. Leaders: the group's tasks at a glance, or — with none yet — how to begin.
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight, ClipboardList, Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { listTasks, tasksKey } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { SenderTask } from "./TaskSenderItem.js";
import { QueryView } from "./Messages.js";
import { TaskEmptyState } from "./TaskListParts.js";
import { titleInSentence } from "./TaskBadges.js";

/** How many tasks the overview shows a member before "all tasks". */
const PREVIEW_TASKS = 3;

export function SendLoopSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const tasks = useQuery({ queryKey: tasksKey(group.id), queryFn: () => listTasks(group.id) });
  const language = currentLanguage();
  const leader = titleInSentence(group.roleTitles.leader[language], language);
  return (
    <section className="card task-next-step" aria-labelledby="send-loop-title">
      <div className="card-header">
        <h2 id="send-loop-title">{t("taskOverview.sendTitle")}</h2>
        <p>{group.type === "flat" ? t("taskOverview.sendBodyFlat") : t("taskOverview.sendBody", { leader })}</p>
      </div>
      <div>
        <Link className="button button-primary button-block" to={`/groups/${group.id}/send`}>
          <Send size={18} aria-hidden="true" />
          {t("taskOverview.sendAction")}
        </Link>
      </div>
      <QueryView query={tasks}>
        {(list) => {
          const published = list.filter((task) => task.published);
          // What is still to do comes first; approved tasks only when nothing else is left.
          const open = published.filter((task) => task.myState !== "approved");
          const shown = (open.length > 0 ? open : published).slice(0, PREVIEW_TASKS);
          if (shown.length === 0) return null;
          return (
            <div className="stack task-preview">
              <h3>{t("taskOverview.tasksTitle")}</h3>
              <ul className="item-list">
                {shown.map((task) => (
                  <SenderTask key={task.id} group={group} task={task} brief />
                ))}
              </ul>
              <p>
                <Link to={`/groups/${group.id}/tasks`}>{t("taskOverview.allTasks", { count: published.length })}</Link>
              </p>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}

export function LeaderTasksSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const tasks = useQuery({ queryKey: tasksKey(group.id), queryFn: () => listTasks(group.id) });
  const sender = group.roleTitles.sender[currentLanguage()];
  return (
    <QueryView query={tasks}>
      {(list) => {
        const published = list.filter((task) => task.published).length;
        return (
          <section className="card" aria-labelledby="leader-tasks-title">
            <div className="card-header">
              <h2 id="leader-tasks-title">{t("taskPages.title")}</h2>
            </div>
            {list.length === 0 ? (
              <TaskEmptyState icon={<ClipboardList size={28} />} title={t("taskOverview.emptyTitle")}>
                <p>{t("taskOverview.emptyBody", { sender })}</p>
                <Link className="button button-primary" to={`/groups/${group.id}/tasks`}>
                  {t("taskOverview.emptyAction")}
                  <ArrowRight size={18} aria-hidden="true" />
                </Link>
              </TaskEmptyState>
            ) : (
              <>
                <p>{t("taskPages.leaderSummary", { count: list.length, published })}</p>
                {published === 0 ? <p className="muted">{t("taskOverview.nonePublished", { sender })}</p> : null}
                <div>
                  <Link className="button" to={`/groups/${group.id}/tasks`}>
                    {t("taskOverview.manage")}
                    <ArrowRight size={18} aria-hidden="true" />
                  </Link>
                </div>
              </>
            )}
          </section>
        );
      }}
    </QueryView>
  );
}
