/**
 * Creating or editing a task, in a react-aria modal dialog (focus trapped and given back,
 * Escape cancels): title, instructions, an optional due day and whether the members see it.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, DialogTrigger, Heading, I18nProvider, Modal, ModalOverlay } from "react-aria-components";
import { CreateTaskBody, UpdateTaskBody } from "../../shared/schemas/tasks.js";
import { createTask, updateTask, type Task } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { dateInputValue, endOfDayIso } from "../lib/format.js";
import { checkWithSchema, describeError, type FieldAliases } from "../lib/formErrors.js";
import { useForm } from "../lib/useForm.js";
import { Field, TextAreaField } from "./Field.js";
import { ErrorSummary } from "./Messages.js";
import { SwitchField } from "./TaskSwitchField.js";

const FIELDS = ["taskTitle", "instructions", "dueDay"] as const;
const ALIASES: FieldAliases = { title: "taskTitle", dueAt: "dueDay" };

/** A modal dialog holding a form; the form gets `close` to call once it has saved. */
export function TaskFormDialog(props: {
  trigger: ReactNode;
  triggerClassName?: string;
  /** The trigger's full name when its text alone is ambiguous in a list ("Edit" → "Edit Week 1"). */
  triggerLabel?: string;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <I18nProvider locale={currentLanguage()}>
      <DialogTrigger>
        <Button className={props.triggerClassName ?? "button"} aria-label={props.triggerLabel}>
          {props.trigger}
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable={false}>
          <Modal className="modal modal-wide">
            <Dialog className="dialog">{({ close }) => props.children(close)}</Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
    </I18nProvider>
  );
}

/** Cancel and submit at the foot of a dialog's form; the submit button stays focusable while saving. */
export function TaskDialogActions({ close, pending, submitLabel }: { close: () => void; pending: boolean; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      <Button className="button" onPress={close} isDisabled={pending}>
        {t("dialog.cancel")}
      </Button>
      <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
        {pending ? t("taskPages.form.saving") : submitLabel}
      </button>
    </div>
  );
}

interface TaskDialogProps {
  groupId: string;
  /** The task to edit; none to create one. */
  task?: Task;
  trigger: ReactNode;
  triggerClassName?: string;
  triggerLabel?: string;
  onSaved: (task: Task, created: boolean) => void;
}

export function TaskDialog({ trigger, triggerClassName, triggerLabel, ...form }: TaskDialogProps) {
  return (
    <TaskFormDialog trigger={trigger} triggerClassName={triggerClassName} triggerLabel={triggerLabel}>
      {(close) => <TaskForm {...form} close={close} />}
    </TaskFormDialog>
  );
}

function TaskForm({ groupId, task, onSaved, close }: Omit<TaskDialogProps, "trigger"> & { close: () => void }) {
  const { t } = useTranslation();
  const id = task ? `task-${task.id}` : "task-new";
  const ids = { taskTitle: `${id}-title`, instructions: `${id}-instructions`, dueDay: `${id}-due` };
  const form = useForm({ taskTitle: task?.title ?? "", instructions: task?.instructions ?? "", dueDay: dateInputValue(task?.dueAt ?? null) });
  const [published, setPublished] = useState(task?.published ?? false);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const dueAt = form.values.dueDay ? endOfDayIso(form.values.dueDay) : null;
    if (form.values.dueDay && !dueAt) {
      return form.fail((tr) => ({ fields: { dueDay: tr("taskPages.form.dueInvalid") } }));
    }
    const body = { title: form.values.taskTitle, instructions: form.values.instructions, dueAt, published };
    const problems = checkWithSchema(task ? UpdateTaskBody : CreateTaskBody, body, ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      const saved = task ? await updateTask(groupId, task.id, body) : await createTask(groupId, body);
      onSaved(saved, !task);
      close();
    } catch (error) {
      form.fail(describeError(error, FIELDS, ALIASES));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Heading slot="title" level={2}>
        {task ? t("taskPages.form.editTitle") : t("taskPages.form.newTitle")}
      </Heading>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <Field id={ids.taskTitle} label={t("taskPages.form.title")} hint={t("taskPages.form.titleHint")} autoComplete="off" {...form.bind("taskTitle")} />
      <TextAreaField
        id={ids.instructions}
        label={t("taskPages.form.instructions")}
        hint={t("taskPages.form.instructionsHint")}
        rows={6}
        {...form.bind("instructions")}
      />
      <Field id={ids.dueDay} type="date" label={t("taskPages.form.due")} hint={t("taskPages.form.dueHint")} {...form.bind("dueDay")} />
      <SwitchField
        id={`${id}-published`}
        label={t("taskPages.form.published")}
        hint={t("taskPages.form.publishedHint")}
        isSelected={published}
        onChange={setPublished}
      />
      <TaskDialogActions close={close} pending={pending} submitLabel={task ? t("taskPages.form.save") : t("taskPages.form.create")} />
    </form>
  );
}
