/**
 * A group's tasks. Leaders see every task (drafts too) with how far the members have come, and
 * create, edit, publish, reorder and delete them. Members see the published tasks with their
 * own progress and a button to send a report on each.
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ClipboardList, Eye, EyeOff, Pencil, Plus, Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { deleteTask, listTasks, orderTasks, tasksKey, updateTask, type Task } from "../api/tasks.js";
import { Feedback, QueryView } from "../components/Messages.js";
import { TaskDue, TaskPublishedBadge, titleInSentence } from "../components/TaskBadges.js";
import { SenderTask } from "../components/TaskSenderItem.js";
import { TaskDialog } from "../components/TaskDialog.js";
import { TaskInstructions } from "../components/TaskInstructions.js";
import { TaskDeleteButton, TaskEmptyState } from "../components/TaskListParts.js";
import { DragHandle, MoveButtons, useReorder } from "../components/TaskReorder.js";
import { currentLanguage } from "../i18n/index.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback, type Feedback as FeedbackApi } from "../lib/useFeedback.js";
import { useGroup } from "./GroupLayout.js";

export function GroupTasksPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("taskPages.title"), group.name);
  const tasks = useQuery({ queryKey: tasksKey(group.id), queryFn: () => listTasks(group.id) });
  return (
    <QueryView query={tasks}>
      {(list) =>
        // Senders see their own progress; leaders, tutors and administrators the group's (read-only without manageTasks).
        group.myRole === "sender" && !group.abilities.manageTasks ? (
          <SenderTasks group={group} tasks={list} />
        ) : (
          <LeaderTasks group={group} tasks={list} />
        )
      }
    </QueryView>
  );
}

/** Puts a saved task into the cached list (new ones at the end, as the server does). */
function useTaskSaved(groupId: string) {
  const queryClient = useQueryClient();
  return (task: Task) => {
    queryClient.setQueryData<Task[]>(tasksKey(groupId), (current = []) =>
      current.some((item) => item.id === task.id) ? current.map((item) => (item.id === task.id ? task : item)) : [...current, task],
    );
    void queryClient.invalidateQueries({ queryKey: tasksKey(groupId), exact: true });
  };
}

function LeaderTasks({ group, tasks }: { group: Group; tasks: Task[] }) {
  const { t } = useTranslation();
  const manages = group.abilities.manageTasks;
  const feedback = useFeedback();
  const saved = useTaskSaved(group.id);
  const reorder = useReorder({
    queryKey: tasksKey(group.id),
    shown: tasks,
    save: (ids) => orderTasks(group.id, ids),
    feedback,
    name: (task) => task.title,
  });
  const published = tasks.filter((task) => task.published).length;
  const newTask = (
    <TaskDialog
      groupId={group.id}
      triggerClassName="button button-primary"
      trigger={
        <>
          <Plus size={18} aria-hidden="true" />
          {t("taskPages.new")}
        </>
      }
      onSaved={(task) => {
        saved(task);
        feedback.succeed(task.published ? "taskPages.createdPublished" : "taskPages.createdDraft", { title: task.title });
      }}
    />
  );
  return (
    <section className="card" aria-labelledby="tasks-title">
      <div className="section-header">
        <div className="card-header">
          <h2 id="tasks-title">{t("taskPages.title")}</h2>
          <p className="muted">
            {tasks.length > 0 ? t("taskPages.leaderSummary", { count: tasks.length, published }) : t("taskPages.leaderLead")}
          </p>
        </div>
        {group.active && manages ? newTask : null}
      </div>
      <Feedback feedback={feedback.state} />
      {tasks.length === 0 ? (
        <TaskEmptyState icon={<ClipboardList size={28} />} title={t("taskPages.emptyLeaderTitle")}>
          <p>{t("taskPages.emptyLeaderBody")}</p>
        </TaskEmptyState>
      ) : (
        <>
          {tasks.length > 1 && manages ? <p className="muted small">{t("taskPages.reorderHint")}</p> : null}
          <ol className="item-list task-list">
            {tasks.map((task, index) => (
              <li key={task.id} className="item task-item" {...reorder.rowProps(task)}>
                {manages ? <DragHandle reorder={reorder} item={task} /> : null}
                <div className="item-body">
                  <h3 className="item-title">{task.title}</h3>
                  <p className="badges">
                    <TaskPublishedBadge task={task} />
                    <TaskDue dueAt={task.dueAt} />
                  </p>
                  {/* Progress means something once the members can see the task. */}
                  {task.progress && task.published ? (
                    <p className="muted small">
                      {t("taskPages.progress", { sent: task.progress.sent, senders: task.progress.senders, approved: task.progress.approved })}
                    </p>
                  ) : null}
                  {task.abilities.update && !task.abilities.delete ? <p className="muted small">{t("taskPages.keptForReports")}</p> : null}
                  {task.instructions ? (
                    <details className="task-details">
                      <summary>{t("taskPages.showInstructions")}</summary>
                      <TaskInstructions text={task.instructions} />
                    </details>
                  ) : null}
                </div>
                <div className="item-actions">
                  {manages ? <MoveButtons reorder={reorder} item={task} index={index} count={tasks.length} name={task.title} /> : null}
                  {task.abilities.update ? <TaskActions group={group} task={task} feedback={feedback} onSaved={saved} /> : null}
                  {task.abilities.report && group.active ? (
                    <Link className="button button-quiet" to={`/groups/${group.id}/send?taskId=${encodeURIComponent(task.id)}`} aria-label={t("taskPages.sendReportOn", { title: task.title })}>
                      <Send size={18} aria-hidden="true" />
                      {t("taskPages.sendReport")}
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function TaskActions({ group, task, feedback, onSaved }: { group: Group; task: Task; feedback: FeedbackApi; onSaved: (task: Task) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const togglePublished = () =>
    void feedback.run(async () => {
      const updated = await updateTask(group.id, task.id, { published: !task.published });
      onSaved(updated);
      feedback.succeed(updated.published ? "taskPages.publishedNow" : "taskPages.unpublishedNow", { title: task.title });
    });
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={t(task.published ? "taskPages.unpublishLabel" : "taskPages.publishLabel", { title: task.title })}
        onClick={togglePublished}
      >
        {task.published ? <EyeOff size={18} aria-hidden="true" /> : <Eye size={18} aria-hidden="true" />}
        {t(task.published ? "taskPages.unpublish" : "taskPages.publish")}
      </button>
      <TaskDialog
        groupId={group.id}
        task={task}
        triggerClassName="button button-quiet"
        triggerLabel={t("taskPages.editLabel", { title: task.title })}
        trigger={
          <>
            <Pencil size={18} aria-hidden="true" />
            {t("taskPages.edit")}
          </>
        }
        onSaved={(updated) => {
          onSaved(updated);
          feedback.succeed("taskPages.saved", { title: updated.title });
        }}
      />
      {task.abilities.delete ? (
        <TaskDeleteButton
          label={t("taskPages.deleteLabel", { title: task.title })}
          title={t("taskPages.deleteDialog.title", { title: task.title })}
          body={t("taskPages.deleteDialog.body")}
          confirmLabel={t("taskPages.deleteDialog.confirm")}
          feedback={feedback}
          remove={() => deleteTask(group.id, task.id)}
          removed={() => queryClient.setQueryData<Task[]>(tasksKey(group.id), (current = []) => current.filter((item) => item.id !== task.id))}
          deletedKey="taskPages.deleted"
          // Reports were sent on it: they stay, so the task can only be hidden.
          inUseKey="taskPages.inUse"
          values={{ title: task.title }}
        />
      ) : null}
    </>
  );
}

function SenderTasks({ group, tasks }: { group: Group; tasks: Task[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const leaders = titleInSentence(group.roleTitles.leader[language], language);
  return (
    <section className="card" aria-labelledby="tasks-title">
      <div className="card-header">
        <h2 id="tasks-title">{t("taskPages.title")}</h2>
        <p className="muted">{t("taskPages.senderLead", { leader: leaders })}</p>
      </div>
      {tasks.length === 0 ? (
        <TaskEmptyState icon={<ClipboardList size={28} />} title={t("taskPages.emptySenderTitle")}>
          <p>{t("taskPages.emptySenderBody", { leader: leaders })}</p>
          {group.abilities.sendLoop ? (
            <Link className="button button-primary" to={`/groups/${group.id}/send`}>
              <Send size={18} aria-hidden="true" />
              {t("taskPages.sendLoop")}
            </Link>
          ) : null}
        </TaskEmptyState>
      ) : (
        <ol className="item-list task-list">
          {tasks.map((task) => (
            <SenderTask key={task.id} group={group} task={task} />
          ))}
        </ol>
      )}
    </section>
  );
}
