/**
 * Writing or editing an information post, in a modal dialog (TaskFormDialog: focus trapped and
 * given back, Escape cancels): title, text and — for a new post — files. The text is plain:
 * paragraphs and web addresses, shown by the same renderer as task instructions.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Heading } from "react-aria-components";
import type { TFunction } from "i18next";
import { fieldProblemOf } from "../../shared/errors.js";
import { MAX_ATTACHMENTS_PER_LOOP } from "../../shared/schemas/loops.js";
import { CreatePostBody, POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH, UpdatePostBody } from "../../shared/schemas/posts.js";
import { ApiError } from "../api/client.js";
import { createPost, updatePost, type Post } from "../api/posts.js";
import { errorMessage, normaliseProblem, type DescribeErrors } from "../lib/formErrors.js";
import { useForm } from "../lib/useForm.js";
import { AttachmentPicker, MAX_ATTACHMENT_MB, type PickProblem } from "./AttachmentPicker.js";
import { Field, TextAreaField } from "./Field.js";
import { ErrorSummary } from "./Messages.js";
import { TaskFormDialog } from "./TaskDialog.js";

const FIELDS = ["title", "body", "files"] as const;
type PostField = (typeof FIELDS)[number];
const MAX: Record<PostField, number> = { title: POST_TITLE_MAX_LENGTH, body: POST_BODY_MAX_LENGTH, files: MAX_ATTACHMENTS_PER_LOOP };

/** A field's problem in the posts' own words, then the app's general one. */
function problemText(t: TFunction, field: PostField, problem: string): string {
  const code = normaliseProblem(problem);
  return t([`posts.errors.${field}.${code}`, `errors.field.${code}`], { max: MAX[field] });
}

/** Problems found before sending, by the shared schema. */
function checkPost(body: { title: string; body: string }, creating: boolean): DescribeErrors | null {
  const result = (creating ? CreatePostBody : UpdatePostBody).safeParse(body);
  if (result.success) return null;
  const problems: Partial<Record<PostField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as PostField;
    problems[field] ??= field === "title" && body.title.trim() === "" ? "required" : fieldProblemOf(issue);
  }
  return (t) => ({ fields: Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, problemText(t, field as PostField, p)])) });
}

/** The server's refusal: field problems next to their fields; too large and refused files named. */
function describePostError(error: unknown): DescribeErrors {
  return (t) => {
    if (error instanceof ApiError) {
      if (error.status === 413) return { fields: { files: t("posts.errors.files.tooLarge", { maxMb: MAX_ATTACHMENT_MB }) } };
      if (error.status === 415) return { fields: { files: t("posts.errors.files.typeRefused") } };
      const fields: Partial<Record<string, string>> = {};
      for (const [path, problem] of Object.entries(error.fields)) {
        const field = path.split(".")[0] as PostField;
        if (FIELDS.includes(field)) fields[field] ??= problemText(t, field, problem);
      }
      if (error.code === "validation" && Object.keys(fields).length > 0) return { fields };
    }
    return { message: errorMessage(t, error), fields: {} };
  };
}

export function PostFormDialog(props: {
  groupId: string;
  /** The post to edit; none to write a new one. */
  post?: Post;
  trigger: ReactNode;
  triggerClassName?: string;
  triggerLabel?: string;
  onSaved: (post: Post, created: boolean) => void;
}) {
  const { trigger, triggerClassName, triggerLabel, ...form } = props;
  return (
    <TaskFormDialog trigger={trigger} triggerClassName={triggerClassName} triggerLabel={triggerLabel}>
      {(close) => <PostForm {...form} close={close} />}
    </TaskFormDialog>
  );
}

function PostForm({ groupId, post, onSaved, close }: { groupId: string; post?: Post; onSaved: (post: Post, created: boolean) => void; close: () => void }) {
  const { t } = useTranslation();
  const id = post ? `post-${post.id}` : "post-new";
  const ids = { title: `${id}-title`, body: `${id}-body`, files: `${id}-files` };
  const form = useForm({ title: post?.title ?? "", body: post?.body ?? "" });
  const [files, setFiles] = useState<File[]>([]);
  const [pickProblem, setPickProblem] = useState<PickProblem | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { title: form.values.title, body: form.values.body };
    const problems = checkPost(body, !post);
    if (problems) return form.fail(problems);
    form.clearErrors();
    setPending(true);
    try {
      const saved = post ? await updatePost(post.id, body) : await createPost(groupId, body, files);
      onSaved(saved, !post);
      close();
    } catch (error) {
      form.fail(describePostError(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Heading slot="title" level={2}>
        {post ? t("posts.form.editTitle") : t("posts.form.newTitle")}
      </Heading>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <Field id={ids.title} label={t("posts.form.title")} hint={t("posts.form.titleHint")} autoComplete="off" maxLength={POST_TITLE_MAX_LENGTH} {...form.bind("title")} />
      <TextAreaField id={ids.body} label={t("posts.form.body")} hint={t("posts.form.bodyHint")} rows={8} {...form.bind("body")} />
      {post ? null : (
        <AttachmentPicker
          id={ids.files}
          files={files}
          onChange={setFiles}
          problem={pickProblem}
          onProblem={setPickProblem}
          error={form.errors.fields.files}
          hint={t("posts.form.filesHint", { max: MAX_ATTACHMENTS_PER_LOOP, maxMb: MAX_ATTACHMENT_MB })}
          tooManyText={t("posts.errors.files.too_many", { max: MAX_ATTACHMENTS_PER_LOOP })}
        />
      )}
      <div className="dialog-actions">
        <Button className="button" onPress={close} isDisabled={pending}>
          {t("posts.form.cancel")}
        </Button>
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {post ? (pending ? t("posts.form.saving") : t("posts.form.save")) : pending ? t("posts.form.publishing") : t("posts.form.publish")}
        </button>
      </div>
    </form>
  );
}
