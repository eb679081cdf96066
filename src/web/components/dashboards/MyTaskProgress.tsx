/**
 * Where my tasks stand, group by group: a one-line count ("3 of 8 approved · 2 sent · 3 not
 * sent yet") and each published task with its state in words and an icon (never colour alone).
 * All time, not just the period: a task stays done.
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Circle, CircleCheck, Send } from "lucide-react";
import type { MyStatistics } from "../../api/statistics.js";

type TaskEntry = MyStatistics["tasks"][number];
type TaskState = TaskEntry["state"];

const ICONS = { approved: CircleCheck, sent: Send, not_sent: Circle } as const;

export function MyTaskProgress({ tasks }: { tasks: MyStatistics["tasks"] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <p className="muted">{t("myStatistics.tasks.none")}</p>;
  const groups = new Map<string, { name: string; tasks: TaskEntry[] }>();
  for (const entry of tasks) {
    const group = groups.get(entry.group.id) ?? { name: entry.group.name, tasks: [] };
    group.tasks.push(entry);
    groups.set(entry.group.id, group);
  }
  return (
    <ul className="my-task-groups">
      {[...groups].map(([groupId, group]) => {
        const count = (state: TaskState) => group.tasks.filter((entry) => entry.state === state).length;
        const headingId = `my-tasks-${groupId}`;
        return (
          <li key={groupId} className="my-task-group">
            <h4 id={headingId}>
              <Link to={`/groups/${encodeURIComponent(groupId)}/tasks`}>{group.name}</Link>
            </h4>
            <p className="my-task-summary">
              {t("myStatistics.tasks.summary", { approved: count("approved"), total: group.tasks.length, sent: count("sent"), notSent: count("not_sent") })}
            </p>
            <ul className="my-task-list" aria-labelledby={headingId}>
              {group.tasks.map((entry) => {
                const Icon = ICONS[entry.state];
                return (
                  <li key={entry.task.id} className={`my-task my-task-${entry.state}`}>
                    <Icon size={18} aria-hidden="true" />
                    <span className="my-task-title">
                      {entry.task.title}
                      <span className="visually-hidden">: </span>
                    </span>
                    <span className="my-task-state">{t(`myStatistics.tasks.states.${entry.state}`)}</span>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
