/**
 * Setting up or editing a check-in, in a modal dialog: the question, the day and time (in the
 * organisation's time zone, named beside the field) and the tags suggested to the members.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Heading } from "react-aria-components";
import { CHECKIN_PROMPT_MAX_LENGTH, CreateCheckinBody, UpdateCheckinBody, WEEKDAYS } from "../../shared/schemas/checkins.js";
import { createCheckin, updateCheckin, type Checkin } from "../api/checkins.js";
import type { Tag } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale, timeZoneLabel } from "../lib/format.js";
import { checkWithSchema, describeError, type FieldAliases } from "../lib/formErrors.js";
import { useForm } from "../lib/useForm.js";
import { Field, SelectField } from "./Field.js";
import { LoopTagPicker } from "./LoopTags.js";
import { ErrorSummary } from "./Messages.js";
import { TaskDialogActions } from "./TaskDialog.js";

const FIELDS = ["checkinPrompt", "checkinWeekday", "checkinTime", "checkinTags"] as const;
const ALIASES: FieldAliases = { prompt: "checkinPrompt", weekday: "checkinWeekday", time: "checkinTime", tagIds: "checkinTags" };

/** The weekday's name in the interface language ("Friday", "fredag"); 1 is Monday. */
export function weekdayName(weekday: number, language: string): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(formattingLocale(language), { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "14:00" as the interface language writes a time of day ("2:00 PM" in American English). */
export function timeOfDayText(time: string, language: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(formattingLocale(language), { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, 1, hours ?? 0, minutes ?? 0)),
  );
}

export function CheckinForm(props: {
  groupId: string;
  timeZone: string;
  /** The group's tags that are offered (not archived). */
  tags: readonly Tag[];
  /** The check-in to edit; none to set one up. */
  checkin?: Checkin;
  close: () => void;
  onSaved: (checkin: Checkin, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const { checkin } = props;
  const language = currentLanguage();
  const id = checkin ? `checkin-${checkin.id}` : "checkin-new";
  const ids = { checkinPrompt: `${id}-prompt`, checkinWeekday: `${id}-weekday`, checkinTime: `${id}-time`, checkinTags: `${id}-tags` };
  const form = useForm({ checkinPrompt: checkin?.prompt ?? "", checkinWeekday: String(checkin?.weekday ?? 5), checkinTime: checkin?.time ?? "14:00" });
  // Tags archived since they were chosen stay chosen (the server keeps them) but are not offered again.
  const [tagIds, setTagIds] = useState<string[]>(checkin?.tagIds ?? []);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    // Some browsers' time inputs add seconds ("14:00:00"); the API takes hours and minutes.
    const time = form.values.checkinTime.slice(0, 5);
    const body = { prompt: form.values.checkinPrompt, weekday: Number(form.values.checkinWeekday), time, tagIds };
    const problems = checkWithSchema(checkin ? UpdateCheckinBody : CreateCheckinBody, body, ALIASES);
    if (problems) {
      return form.fail((tr) => {
        const found = problems(tr);
        if (found.fields.checkinTime) found.fields.checkinTime = tr("checkins.form.timeInvalid");
        return found;
      });
    }
    form.clearErrors();
    setPending(true);
    try {
      const saved = checkin ? await updateCheckin(checkin.id, body) : await createCheckin(props.groupId, body);
      props.onSaved(saved, !checkin);
      props.close();
    } catch (error) {
      form.fail(describeError(error, FIELDS, ALIASES));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Heading slot="title" level={2}>
        {checkin ? t("checkins.form.editTitle") : t("checkins.form.newTitle")}
      </Heading>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <Field
        id={ids.checkinPrompt}
        label={t("checkins.form.prompt")}
        hint={t("checkins.form.promptHint")}
        autoComplete="off"
        maxLength={CHECKIN_PROMPT_MAX_LENGTH}
        {...form.bind("checkinPrompt")}
      />
      <div className="checkin-form-row">
        <SelectField
          id={ids.checkinWeekday}
          label={t("checkins.form.weekday")}
          options={WEEKDAYS.map((day) => ({ value: String(day), label: weekdayName(day, language) }))}
          {...form.bind("checkinWeekday")}
        />
        <Field
          id={ids.checkinTime}
          type="time"
          step={60}
          label={t("checkins.form.time")}
          hint={t("checkins.form.timeHint", { timeZone: timeZoneLabel(props.timeZone, formattingLocale(language)) })}
          {...form.bind("checkinTime")}
        />
      </div>
      <LoopTagPicker id={ids.checkinTags} legend={t("checkins.form.tagsLegend")} tags={props.tags} selected={tagIds} onChange={setTagIds} />
      {form.errors.fields.checkinTags ? <p className="field-error">{form.errors.fields.checkinTags}</p> : null}
      <TaskDialogActions close={props.close} pending={pending} submitLabel={checkin ? t("checkins.form.save") : t("checkins.form.create")} />
    </form>
  );
}
