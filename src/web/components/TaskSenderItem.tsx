/** One published task as a member sees it: their progress, the instructions, and the next step. */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import type { Task } from "../api/tasks.js";
import { TaskDue, TaskStateBadge } from "./TaskBadges.js";
import { TaskInstructions } from "./TaskInstructions.js";

export function SenderTask({ group, task, brief }: { group: Group; task: Task; brief?: boolean }) {
  const { t } = useTranslation();
  const titleId = `task-${task.id}-title`;
  const state = task.myState ?? "not_started";
  return (
    <li className="item item-block task-item">
      <div className="item-body">
        <h3 className="item-title" id={titleId}>
          {task.title}
        </h3>
        <p className="badges">
          {task.myState ? <TaskStateBadge state={task.myState} /> : null}
          <TaskDue dueAt={task.dueAt} />
        </p>
        {brief ? null : <TaskInstructions text={task.instructions} />}
      </div>
      {task.abilities.report && group.active ? (
        <div className="item-actions">
          <Link
            className={state === "not_started" ? "button button-primary" : "button"}
            to={`/groups/${group.id}/send?taskId=${encodeURIComponent(task.id)}`}
            aria-describedby={titleId}
          >
            <Send size={18} aria-hidden="true" />
            {state === "not_started" ? t("taskPages.sendReport") : t("taskPages.sendAnother")}
          </Link>
        </div>
      ) : null}
    </li>
  );
}
