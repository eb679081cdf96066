/**
 * The fields that describe a group, shared by the create-group wizard (one step each) and the
 * group's settings page: name and description; kind of group; role titles in both languages.
 */
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { CreateGroupBody, Group } from "../../shared/schemas/groups.js";
import type { FieldAliases } from "../lib/formErrors.js";
import type { useForm } from "../lib/useForm.js";
import { CheckboxField, ChoiceGroup, Field, TextAreaField } from "./Field.js";

export type GroupType = Group["type"];

/** The text fields of a group form (useForm keeps strings). */
export interface GroupTextValues extends Record<string, string> {
  groupName: string;
  description: string;
  leaderEn: string;
  leaderSv: string;
  senderEn: string;
  senderSv: string;
}

export type GroupForm = ReturnType<typeof useForm<GroupTextValues>>;

/** API field paths → the form's fields (so "name" is worded as the group's name). */
export const GROUP_FIELD_ALIASES: FieldAliases = {
  name: "groupName",
  "roleTitles.leader.en": "leaderEn",
  "roleTitles.leader.sv": "leaderSv",
  "roleTitles.sender.en": "senderEn",
  "roleTitles.sender.sv": "senderSv",
};

export const GROUP_TEXT_FIELDS = ["groupName", "description", "leaderEn", "leaderSv", "senderEn", "senderSv"] as const;

export function groupFieldIds(prefix: string): Record<(typeof GROUP_TEXT_FIELDS)[number], string> {
  return {
    groupName: `${prefix}-name`,
    description: `${prefix}-description`,
    leaderEn: `${prefix}-leader-en`,
    leaderSv: `${prefix}-leader-sv`,
    senderEn: `${prefix}-sender-en`,
    senderSv: `${prefix}-sender-sv`,
  };
}

/** The form's text values of a group (or of a new group's role titles). */
export function groupTextValues(group: Pick<Group, "name" | "description" | "roleTitles">): GroupTextValues {
  return {
    groupName: group.name,
    description: group.description,
    leaderEn: group.roleTitles.leader.en,
    leaderSv: group.roleTitles.leader.sv,
    senderEn: group.roleTitles.sender.en,
    senderSv: group.roleTitles.sender.sv,
  };
}

/** The API body of a group from the form. */
export function groupBody(values: GroupTextValues, type: GroupType, hasStudentMembers: boolean): z.input<typeof CreateGroupBody> {
  return {
    name: values.groupName,
    description: values.description,
    type,
    hasStudentMembers,
    roleTitles: {
      leader: { en: values.leaderEn, sv: values.leaderSv },
      sender: { en: values.senderEn, sv: values.senderSv },
    },
  };
}

export function GroupBasicsFields({ form, ids }: { form: GroupForm; ids: ReturnType<typeof groupFieldIds> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={ids.groupName} label={t("groupForm.name")} hint={t("groupForm.nameHint")} autoComplete="off" {...form.bind("groupName")} />
      <TextAreaField id={ids.description} label={t("groupForm.description")} hint={t("groupForm.descriptionHint")} {...form.bind("description")} />
    </>
  );
}

export function GroupKindFields(props: {
  prefix: string;
  type: GroupType;
  onType: (type: GroupType) => void;
  hasStudentMembers: boolean;
  onStudents: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceGroup
        name={`${props.prefix}-type`}
        legend={t("groupForm.type")}
        value={props.type}
        onChange={props.onType}
        choices={(["hierarchical", "flat"] as const).map((type) => ({
          value: type,
          label: t(`groupForm.types.${type}`),
          description: t(`groupForm.types.${type}Description`),
        }))}
      />
      <CheckboxField
        id={`${props.prefix}-students`}
        label={t("groupForm.students")}
        hint={t("groupForm.studentsHint")}
        checked={props.hasStudentMembers}
        onChange={props.onStudents}
      />
    </>
  );
}

export function RoleTitleFields({ form, ids }: { form: GroupForm; ids: ReturnType<typeof groupFieldIds> }) {
  const { t } = useTranslation();
  return (
    <>
      {(["leader", "sender"] as const).map((role) => (
        <fieldset key={role} className="fieldset">
          <legend className="fieldset-legend">{t(`groupForm.${role}Title`)}</legend>
          <p className="field-hint">{t(`groupForm.${role}TitleHint`)}</p>
          <div className="field-pair">
            <Field id={ids[`${role}En`]} label={t("groupForm.inEnglish")} lang="en" autoComplete="off" {...form.bind(`${role}En`)} />
            <Field id={ids[`${role}Sv`]} label={t("groupForm.inSwedish")} lang="sv" autoComplete="off" {...form.bind(`${role}Sv`)} />
          </div>
        </fieldset>
      ))}
    </>
  );
}
