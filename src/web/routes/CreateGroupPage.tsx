/**
 * The create-group wizard: name and description; kind of group, whether the members are
 * students and whether anonymous loops are allowed; an empty start or a content package; role
 * titles in both languages (sensible defaults, or the package's, filled in); check and create.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, Check } from "lucide-react";
import type { z } from "zod";
import { CreateGroupBody } from "../../shared/schemas/groups.js";
import type { Organisation } from "../../shared/schemas/organisations.js";
import { createGroup, getOrganisation } from "../api/organisations.js";
import {
  GROUP_FIELD_ALIASES,
  GROUP_TEXT_FIELDS,
  GroupBasicsFields,
  GroupKindFields,
  RoleTitleFields,
  groupBody,
  groupFieldIds,
  groupTextValues,
  type GroupTextValues,
  type GroupType,
} from "../components/GroupFields.js";
import { ErrorSummary, Notice, QueryView } from "../components/Messages.js";
import { PackageFacts, PackagePicker } from "../components/PackagePicker.js";
import { SwitchField } from "../components/TaskSwitchField.js";
import type { ContentPackage } from "../api/tasks.js";
import { PageHeading } from "../components/PageHeading.js";
import { checkWithSchema, describeError, type DescribeErrors } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { groupKey, groupsKey, organisationKey } from "../lib/queryClient.js";
import { defaultRoleTitles } from "../../shared/schemas/groups.js";
import { useForm } from "../lib/useForm.js";

const STEPS = ["basics", "kind", "content", "titles", "review"] as const;
/** The text fields each step asks for; a problem found later sends the person back there. */
const STEP_FIELDS: ReadonlyArray<readonly string[]> = [["groupName", "description"], [], ["packageId"], ["leaderEn", "leaderSv", "senderEn", "senderSv"], []];
/** Every field a refusal may name; a package gone meanwhile sends the person back to choose again. */
const FIELDS = [...GROUP_TEXT_FIELDS, "packageId"];
const IDS = groupFieldIds("new-group");

/** A step's name or introduction; the content step's words live with the packages' texts. */
function stepKey(step: (typeof STEPS)[number], kind: "steps" | "intro"): string {
  return step === "content" ? `packagePicker.${kind === "steps" ? "step" : "intro"}` : `createGroup.${kind}.${step}`;
}

/** What the group page shows on arrival from here. */
export interface GroupCreatedState {
  created?: boolean;
  /** The group was made from a content package: its tasks wait as drafts. */
  fromPackage?: boolean;
}

export function CreateGroupPage() {
  const { t } = useTranslation();
  usePageTitle(t("createGroup.title"));
  const { orgId = "" } = useParams();
  const organisation = useQuery({ queryKey: organisationKey(orgId), queryFn: () => getOrganisation(orgId) });
  return (
    <div className="page">
      <QueryView query={organisation}>
        {(loaded) =>
          loaded.abilities.createGroup ? (
            <Wizard organisation={loaded} />
          ) : (
            <>
              <PageHeading>{t("createGroup.title")}</PageHeading>
              <Notice tone="info">{t("createGroup.notAllowed", { organisation: loaded.name })}</Notice>
            </>
          )
        }
      </QueryView>
    </div>
  );
}

/** The same problems, limited to some fields. */
function onlyFields(describe: DescribeErrors, names: readonly string[]): DescribeErrors {
  return (tr) => {
    const all = describe(tr);
    return { ...all, fields: Object.fromEntries(Object.entries(all.fields).filter(([name]) => names.includes(name))) };
  };
}

/** The role titles a new group gets: the package's when it suggests some, else the defaults. */
function titlesOf(hasStudentMembers: boolean, chosen: ContentPackage | null = null) {
  const roleTitles = chosen?.content.roleTitles ?? defaultRoleTitles(hasStudentMembers);
  const { leaderEn, leaderSv, senderEn, senderSv } = groupTextValues({ name: "", description: "", roleTitles });
  return { leaderEn, leaderSv, senderEn, senderSv };
}

function Wizard({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A school's groups are usually classes; the person can change it on step 2.
  const [hasStudentMembers, setStudents] = useState(organisation.type === "school");
  const [type, setType] = useState<GroupType>("hierarchical");
  const [anonymousLoopsAllowed, setAnonymous] = useState(true);
  const [chosen, setChosen] = useState<ContentPackage | null>(null);
  const form = useForm<GroupTextValues>({ groupName: "", description: "", ...titlesOf(hasStudentMembers) });
  const [step, setStep] = useState(0);
  const [moves, setMoves] = useState(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  // Each new step starts at its heading, so screen readers announce where the person is.
  useEffect(() => {
    if (moves > 0) stepHeading.current?.focus();
  }, [moves]);

  const goTo = (next: number) => {
    setStep(next);
    setMoves((count) => count + 1);
  };

  /** Titles still at the defaults (or the package's) follow the choices; titles the person typed stay. */
  const followTitles = (students: boolean, pkg: ContentPackage | null) => {
    const current = titlesOf(hasStudentMembers, chosen);
    const untouched = (Object.keys(current) as Array<keyof typeof current>).every((key) => form.values[key] === current[key]);
    if (untouched) for (const [key, value] of Object.entries(titlesOf(students, pkg))) form.set(key, value);
  };
  const chooseStudents = (next: boolean) => {
    followTitles(next, chosen);
    setStudents(next);
  };
  const choosePackage = (next: ContentPackage | null) => {
    followTitles(hasStudentMembers, next);
    setChosen(next);
  };

  const body = (): z.input<typeof CreateGroupBody> => ({
    ...groupBody(form.values, type, hasStudentMembers),
    anonymousLoopsAllowed,
    ...(chosen ? { packageId: chosen.id } : {}),
  });

  /** Sends the person to the first step with a problem, showing that step's problems. */
  const failAt = (describe: DescribeErrors) => {
    const fields = Object.keys(describe(t).fields);
    const index = STEP_FIELDS.findIndex((names) => names.some((name) => fields.includes(name)));
    if (index >= 0 && index !== step) goTo(index);
    form.fail(describe);
  };

  const mutation = useMutation({
    mutationFn: () => createGroup(organisation.id, body()),
    onSuccess: async (group) => {
      queryClient.setQueryData(groupKey(group.id), group);
      await queryClient.invalidateQueries({ queryKey: groupsKey, exact: true });
      await navigate(`/groups/${group.id}/invite`, { state: { created: true, fromPackage: chosen !== null } satisfies GroupCreatedState });
    },
    onError: (error) => failAt(describeError(error, FIELDS, GROUP_FIELD_ALIASES)),
  });

  const current = STEPS[step] ?? "basics";
  const last = step === STEPS.length - 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const problems = checkWithSchema(CreateGroupBody, body(), GROUP_FIELD_ALIASES);
    if (problems) {
      // On the last step every problem counts; before it, only the fields of this step.
      const relevant = last ? problems : onlyFields(problems, STEP_FIELDS[step] ?? []);
      if (Object.keys(relevant(t).fields).length > 0) return failAt(relevant);
    }
    form.clearErrors();
    if (last) mutation.mutate();
    else goTo(step + 1);
  };

  return (
    <>
      <PageHeading lead={t("createGroup.lead", { organisation: organisation.name })}>{t("createGroup.title")}</PageHeading>
      <ol className="wizard-steps" aria-label={t("createGroup.stepsLabel")}>
        {STEPS.map((name, index) => (
          <li key={name} className="wizard-step" aria-current={index === step ? "step" : undefined} data-done={index < step || undefined}>
            <span className="wizard-step-number" aria-hidden="true">
              {index < step ? <Check size={14} /> : index + 1}
            </span>
            <span>{t(stepKey(name, "steps"))}</span>
          </li>
        ))}
      </ol>
      <form className="card form" noValidate onSubmit={submit} aria-labelledby="wizard-step-title">
        <div className="card-header">
          <h2 id="wizard-step-title" ref={stepHeading} tabIndex={-1}>
            {t("createGroup.stepTitle", { number: step + 1, total: STEPS.length, title: t(stepKey(current, "steps")) })}
          </h2>
          <p className="muted">{t(stepKey(current, "intro"))}</p>
        </div>
        <ErrorSummary errors={form.errors} fieldIds={IDS} focusKey={form.focusKey} />
        {current === "basics" ? <GroupBasicsFields form={form} ids={IDS} /> : null}
        {current === "kind" ? (
          <>
            <GroupKindFields prefix="new-group" type={type} onType={setType} hasStudentMembers={hasStudentMembers} onStudents={chooseStudents} />
            <SwitchField
              id="new-group-anonymous"
              label={t("groupTasksSettings.anonymous")}
              hint={t("groupTasksSettings.anonymousHint")}
              isSelected={anonymousLoopsAllowed}
              onChange={setAnonymous}
            />
          </>
        ) : null}
        {current === "content" ? <PackagePicker organisationId={organisation.id} value={chosen} onChange={choosePackage} /> : null}
        {current === "titles" ? <RoleTitleFields form={form} ids={IDS} /> : null}
        {current === "review" ? (
          <Review values={form.values} type={type} hasStudentMembers={hasStudentMembers} anonymousLoopsAllowed={anonymousLoopsAllowed} chosen={chosen} />
        ) : null}
        <div className="form-actions wizard-actions">
          {step > 0 ? (
            <button type="button" className="button" onClick={() => goTo(step - 1)}>
              <ArrowLeft size={18} aria-hidden="true" />
              {t("createGroup.back")}
            </button>
          ) : null}
          <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
            {last ? (mutation.isPending ? t("createGroup.creating") : t("createGroup.create")) : t("createGroup.next")}
            {last ? null : <ArrowRight size={18} aria-hidden="true" />}
          </button>
        </div>
      </form>
    </>
  );
}

function Review({ values, type, hasStudentMembers, anonymousLoopsAllowed, chosen }: {
  values: GroupTextValues;
  type: GroupType;
  hasStudentMembers: boolean;
  anonymousLoopsAllowed: boolean;
  chosen: ContentPackage | null;
}) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <dt>{t("groupForm.name")}</dt>
      <dd>{values.groupName}</dd>
      <dt>{t("groupForm.descriptionShort")}</dt>
      <dd className="preserve-lines">{values.description.trim() || t("groupForm.noDescription")}</dd>
      <dt>{t("groupForm.type")}</dt>
      <dd>{t(`groupForm.types.${type}`)}</dd>
      <dt>{t("groupForm.studentsShort")}</dt>
      <dd>{t(hasStudentMembers ? "groupForm.yes" : "groupForm.no")}</dd>
      <dt>{t("groupTasksSettings.anonymousShort")}</dt>
      <dd>{t(anonymousLoopsAllowed ? "groupForm.yes" : "groupForm.no")}</dd>
      <dt>{t("packagePicker.startShort")}</dt>
      <dd>
        {chosen ? (
          <span className="stack package-review">
            <span lang={chosen.language}>{chosen.name}</span>
            <span className="muted small">
              <PackageFacts pkg={chosen} />
            </span>
            <span className="muted small">{t("packagePicker.reviewDrafts")}</span>
          </span>
        ) : (
          t("packagePicker.scratch")
        )}
      </dd>
      <dt>{t("groupForm.leaderTitle")}</dt>
      <dd>
        <span lang="en">{values.leaderEn}</span> / <span lang="sv">{values.leaderSv}</span>
      </dd>
      <dt>{t("groupForm.senderTitle")}</dt>
      <dd>
        <span lang="en">{values.senderEn}</span> / <span lang="sv">{values.senderSv}</span>
      </dd>
    </dl>
  );
}
