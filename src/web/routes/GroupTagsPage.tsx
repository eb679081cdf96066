/**
 * A group's tags, for its leaders: add, rename and colour them, put them in the order members
 * see them, archive the ones no longer wanted (they stay on the loops that carry them and in the
 * statistics) and delete unused ones.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Heading } from "react-aria-components";
import { Archive, ArchiveRestore, Pencil, Plus, Tags } from "lucide-react";
import { CreateTagBody, UpdateTagBody } from "../../shared/schemas/tasks.js";
import type { Group } from "../../shared/schemas/groups.js";
import { createTag, deleteTag, listTags, orderTags, tagsKey, updateTag, type Tag } from "../api/tasks.js";
import { Field } from "../components/Field.js";
import { ErrorSummary, Feedback, Notice, QueryView } from "../components/Messages.js";
import { TagChip, TagColourPicker, type TagColourName } from "../components/TagChip.js";
import { TaskDialogActions, TaskFormDialog } from "../components/TaskDialog.js";
import { TaskDeleteButton, TaskEmptyState } from "../components/TaskListParts.js";
import { DragHandle, MoveButtons, useReorder } from "../components/TaskReorder.js";
import { checkWithSchema, describeError, type FieldAliases } from "../lib/formErrors.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback, type Feedback as FeedbackApi } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { useGroup } from "./GroupLayout.js";

const ALIASES: FieldAliases = { name: "tagName" };

export function GroupTagsPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("tagPages.title"), group.name);
  const tags = useQuery({ queryKey: tagsKey(group.id), queryFn: () => listTags(group.id, true), enabled: group.abilities.manageTasks });
  if (!group.abilities.manageTasks) return <Notice tone="info">{t("tagPages.notAllowed")}</Notice>;
  return <QueryView query={tags}>{(list) => <TagsSection group={group} tags={list} />}</QueryView>;
}

/** Replaces a tag in the cached list (or adds it at the end) and refreshes the list. */
function useTagSaved(groupId: string) {
  const queryClient = useQueryClient();
  return (tag: Tag) => {
    queryClient.setQueryData<Tag[]>(tagsKey(groupId), (current = []) =>
      current.some((item) => item.id === tag.id) ? current.map((item) => (item.id === tag.id ? tag : item)) : [...current, tag],
    );
    void queryClient.invalidateQueries({ queryKey: tagsKey(groupId), exact: true });
  };
}

function TagsSection({ group, tags }: { group: Group; tags: Tag[] }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const saved = useTagSaved(group.id);
  const active = tags.filter((tag) => !tag.archived);
  const archived = tags.filter((tag) => tag.archived);
  const reorder = useReorder({
    queryKey: tagsKey(group.id),
    shown: active,
    save: (ids) => orderTags(group.id, ids),
    feedback,
    name: (tag) => tag.name,
  });
  return (
    <div className="stack">
      <section className="card" aria-labelledby="tags-title">
        <div className="card-header">
          <h2 id="tags-title">{t("tagPages.title")}</h2>
          <p className="muted">{t("tagPages.lead")}</p>
        </div>
        {group.active ? <AddTag group={group} feedback={feedback} onSaved={saved} /> : null}
        <Feedback feedback={feedback.state} />
        {active.length === 0 ? (
          <TaskEmptyState icon={<Tags size={28} />} title={t("tagPages.emptyTitle")}>
            <p>{t("tagPages.emptyBody")}</p>
          </TaskEmptyState>
        ) : (
          <>
            {active.length > 1 ? <p className="muted small">{t("tagPages.reorderHint")}</p> : null}
            <ol className="item-list tag-list" aria-labelledby="tags-title">
              {active.map((tag, index) => (
                <li key={tag.id} className="item task-item" {...reorder.rowProps(tag)}>
                  <DragHandle reorder={reorder} item={tag} />
                  <TagSummary tag={tag} />
                  <div className="item-actions">
                    <MoveButtons reorder={reorder} item={tag} index={index} count={active.length} name={tag.name} />
                    <TagActions group={group} tag={tag} feedback={feedback} onSaved={saved} />
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      {archived.length > 0 ? (
        <section className="card" aria-labelledby="archived-tags-title">
          <div className="card-header">
            <h2 id="archived-tags-title">{t("tagPages.archivedTitle")}</h2>
            <p className="muted">{t("tagPages.archivedLead")}</p>
          </div>
          <ul className="item-list tag-list" aria-labelledby="archived-tags-title">
            {archived.map((tag) => (
              <li key={tag.id} className="item task-item">
                <TagSummary tag={tag} />
                <div className="item-actions">
                  <TagActions group={group} tag={tag} feedback={feedback} onSaved={saved} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function TagSummary({ tag }: { tag: Tag }) {
  const { t } = useTranslation();
  return (
    <div className="item-body">
      <p className="badges">
        <TagChip tag={tag} />
        {tag.archived ? (
          <span className="badge badge-off">
            <Archive size={16} aria-hidden="true" />
            {t("tagPages.archived")}
          </span>
        ) : null}
      </p>
      <p className="muted small">
        {t(`tagPages.colours.${tag.colour ?? "none"}`)}
        {tag.usage !== null ? ` · ${t("tagPages.usage", { count: tag.usage })}` : null}
      </p>
      {tag.abilities.update && !tag.abilities.delete && !tag.archived ? <p className="muted small">{t("tagPages.keptForLoops")}</p> : null}
    </div>
  );
}

function AddTag({ group, feedback, onSaved }: { group: Group; feedback: FeedbackApi; onSaved: (tag: Tag) => void }) {
  const { t } = useTranslation();
  const form = useForm({ tagName: "" });
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { name: form.values.tagName };
    const problems = checkWithSchema(CreateTagBody, body, ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      const tag = await createTag(group.id, body);
      onSaved(tag);
      form.reset();
      feedback.succeed("tagPages.added", { name: tag.name });
    } catch (error) {
      form.fail(describeError(error, ["tagName"], ALIASES));
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="form tag-add" noValidate onSubmit={(event) => void submit(event)} aria-label={t("tagPages.addLabel")}>
      <ErrorSummary errors={form.errors} fieldIds={{ tagName: "new-tag-name" }} focusKey={form.focusKey} />
      <div className="tag-add-row">
        <Field id="new-tag-name" label={t("tagPages.name")} hint={t("tagPages.nameHint")} autoComplete="off" {...form.bind("tagName")} />
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          <Plus size={18} aria-hidden="true" />
          {t("tagPages.add")}
        </button>
      </div>
    </form>
  );
}

function TagActions({ group, tag, feedback, onSaved }: { group: Group; tag: Tag; feedback: FeedbackApi; onSaved: (tag: Tag) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setArchived = (archived: boolean) =>
    void feedback.run(async () => {
      onSaved(await updateTag(group.id, tag.id, { archived }));
      feedback.succeed(archived ? "tagPages.archivedNow" : "tagPages.unarchivedNow", { name: tag.name });
    });
  return (
    <>
      {tag.abilities.update ? (
        <>
          <TaskFormDialog
            triggerClassName="button button-quiet"
            triggerLabel={t("tagPages.editLabel", { name: tag.name })}
            trigger={
              <>
                <Pencil size={18} aria-hidden="true" />
                {t("tagPages.edit")}
              </>
            }
          >
            {(close) => (
              <TagForm
                group={group}
                tag={tag}
                close={close}
                onSaved={(updated) => {
                  onSaved(updated);
                  feedback.succeed("tagPages.saved", { name: updated.name });
                }}
              />
            )}
          </TaskFormDialog>
          <button
            type="button"
            className="button button-quiet"
            aria-label={t(tag.archived ? "tagPages.unarchiveLabel" : "tagPages.archiveLabel", { name: tag.name })}
            onClick={() => setArchived(!tag.archived)}
          >
            {tag.archived ? <ArchiveRestore size={18} aria-hidden="true" /> : <Archive size={18} aria-hidden="true" />}
            {t(tag.archived ? "tagPages.unarchive" : "tagPages.archive")}
          </button>
        </>
      ) : null}
      {tag.abilities.delete ? (
        <TaskDeleteButton
          label={t("tagPages.deleteLabel", { name: tag.name })}
          title={t("tagPages.deleteDialog.title", { name: tag.name })}
          body={t("tagPages.deleteDialog.body")}
          confirmLabel={t("tagPages.deleteDialog.confirm")}
          feedback={feedback}
          remove={() => deleteTag(group.id, tag.id)}
          removed={() => queryClient.setQueryData<Tag[]>(tagsKey(group.id), (current = []) => current.filter((item) => item.id !== tag.id))}
          deletedKey="tagPages.deleted"
          // Loops carry it: deleting would change what members sent, so archiving is the way.
          inUseKey="tagPages.inUse"
          values={{ name: tag.name }}
        />
      ) : null}
    </>
  );
}

function TagForm({ group, tag, close, onSaved }: { group: Group; tag: Tag; close: () => void; onSaved: (tag: Tag) => void }) {
  const { t } = useTranslation();
  const id = `tag-${tag.id}`;
  const form = useForm({ tagName: tag.name });
  const [colour, setColour] = useState<TagColourName | null>(tag.colour);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { name: form.values.tagName, colour };
    const problems = checkWithSchema(UpdateTagBody, body, ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      onSaved(await updateTag(group.id, tag.id, body));
      close();
    } catch (error) {
      form.fail(describeError(error, ["tagName"], ALIASES));
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Heading slot="title" level={2}>
        {t("tagPages.editTitle")}
      </Heading>
      <ErrorSummary errors={form.errors} fieldIds={{ tagName: `${id}-name` }} focusKey={form.focusKey} />
      <Field id={`${id}-name`} label={t("tagPages.name")} autoComplete="off" {...form.bind("tagName")} />
      <TagColourPicker name={`${id}-colour`} legend={t("tagPages.colour")} value={colour} onChange={setColour} />
      <p className="tag-preview">
        <span className="muted small">{t("tagPages.preview")}</span> <TagChip tag={{ name: form.values.tagName || tag.name, colour }} />
      </p>
      <TaskDialogActions close={close} pending={pending} submitLabel={t("tagPages.save")} />
    </form>
  );
}
