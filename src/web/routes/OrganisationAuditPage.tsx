/**
 * The organisation's audit log: who did what and when, newest first, filtered by kind of
 * action, person and days (in this browser's time zone). Times are shown in the user's language.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download, Filter } from "lucide-react";
import { API_BASE } from "../api/client.js";
import { listAuditEvents, type AuditEvent, type AuditFilter, type OrganisationMember } from "../api/organisations.js";
import { Field, SelectField } from "../components/Field.js";
import { ErrorSummary, QueryView } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale, startOfDayIso } from "../lib/format.js";
import { auditKey } from "../lib/queryClient.js";
import { roleName } from "../lib/roles.js";
import { useForm } from "../lib/useForm.js";
import { useOrganisation, useOrganisationMembers } from "./OrganisationLayout.js";
import { useSectionTitle } from "../lib/hooks.js";

/** Kinds of action, as prefixes of the action names ("join" covers joining and join codes, "loop" loops and their exports). */
const ACTION_FILTERS = ["", "organisation.", "group.", "join", "invitation.", "loop", "safeguarding.", "retention.", "audit."] as const;
const PAGE_SIZE = 100;
const MAX_EVENTS = 500;
const FIELD_IDS = { action: "audit-action", actorId: "audit-actor", from: "audit-from", to: "audit-to" };

type Filters = { action: string; actorId: string; from: string; to: string };
const NO_FILTERS: Filters = { action: "", actorId: "", from: "", to: "" };

/** The API's filter: the chosen days become a range from the first day's start to the end of the last. */
function toQuery(filters: Filters, limit: number): AuditFilter {
  return {
    action: filters.action || undefined,
    actorId: filters.actorId || undefined,
    from: startOfDayIso(filters.from) ?? undefined,
    to: startOfDayIso(filters.to, 1) ?? undefined,
    limit,
  };
}

/** The CSV download of the applied filters, with headings in the interface language. */
function auditCsvHref(orgId: string, filters: Filters): string {
  const query = new URLSearchParams({ language: currentLanguage() });
  for (const [key, value] of Object.entries(toQuery(filters, 1))) {
    if (key !== "limit" && typeof value === "string") query.set(key, value);
  }
  return `${API_BASE}/organisations/${encodeURIComponent(orgId)}/audit.csv?${query.toString()}`;
}

export function OrganisationAuditPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("organisationPage.sections.audit"), organisation.name);
  const form = useForm<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState({ filters: NO_FILTERS, limit: PAGE_SIZE });
  const members = useOrganisationMembers(organisation);
  const events = useQuery({
    queryKey: auditKey(organisation.id, applied),
    queryFn: () => listAuditEvents(organisation.id, toQuery(applied.filters, applied.limit)),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { from, to } = form.values;
    if (from && to && from > to) {
      return form.fail((tr) => ({ fields: { to: tr("audit.toBeforeFrom") } }));
    }
    form.clearErrors();
    setApplied({ filters: form.values, limit: PAGE_SIZE });
  };

  return (
    <section className="stack" aria-labelledby="audit-title">
      <div className="card-header">
        <h2 id="audit-title">{t("audit.title")}</h2>
        <p className="muted">{t("audit.lead")}</p>
      </div>
      <form className="card form" noValidate onSubmit={submit} aria-labelledby="audit-filter-title">
        <h3 id="audit-filter-title">{t("audit.filterTitle")}</h3>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <div className="filter-grid">
          <SelectField
            id={FIELD_IDS.action}
            label={t("audit.action")}
            options={ACTION_FILTERS.map((value) => {
              const key = value.replace(".", "") || "all";
              return { value, label: t([`audit.actionFilters.${key}`, `auditLog.actionFilters.${key}`]) };
            })}
            {...form.bind("action")}
          />
          <SelectField
            id={FIELD_IDS.actorId}
            label={t("audit.actor")}
            options={[
              { value: "", label: t("audit.everyone") },
              ...(members.data ?? []).map((member) => ({ value: member.userId, label: member.name })),
            ]}
            {...form.bind("actorId")}
          />
          <Field id={FIELD_IDS.from} type="date" label={t("audit.from")} {...form.bind("from")} />
          <Field id={FIELD_IDS.to} type="date" label={t("audit.to")} {...form.bind("to")} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            <Filter size={18} aria-hidden="true" />
            {t("audit.apply")}
          </button>
          {/* A plain download of what the table shows (the applied filters); the server records it in this log. */}
          <a className="button" href={auditCsvHref(organisation.id, applied.filters)} download>
            <Download size={18} aria-hidden="true" />
            {t("auditLog.downloadCsv")}
          </a>
        </div>
        <p className="muted small">{t("auditLog.csvHint")}</p>
      </form>
      <QueryView query={events}>
        {(list) => (
          <>
            <AuditTable events={list} members={members.data ?? []} />
            {list.length >= applied.limit && applied.limit < MAX_EVENTS ? (
              <div>
                <button
                  type="button"
                  className="button"
                  onClick={() => setApplied((current) => ({ ...current, limit: Math.min(MAX_EVENTS, current.limit + PAGE_SIZE) }))}
                >
                  {t("audit.more")}
                </button>
              </div>
            ) : null}
          </>
        )}
      </QueryView>
    </section>
  );
}

function AuditTable({ events, members }: { events: readonly AuditEvent[]; members: readonly OrganisationMember[] }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  if (events.length === 0) return <p className="muted">{t("audit.none")}</p>;
  const people = new Map(members.map((member) => [member.userId, member.name]));
  const groups = new Map(members.flatMap((member) => member.groups.map((group) => [group.groupId, group.name] as const)));
  return (
    <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="table">
        <caption id="audit-caption" className="visually-hidden">
          {t("audit.caption", { count: events.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.columns.time")}</th>
            <th scope="col">{t("audit.columns.actor")}</th>
            <th scope="col">{t("audit.columns.action")}</th>
            <th scope="col">{t("audit.columns.details")}</th>
            <th scope="col">{t("audit.columns.outcome")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
              </td>
              <td>{event.actor ? event.actor.name || t("audit.unknownPerson") : t("audit.system")}</td>
              <td>{actionText(t, event)}</td>
              <td>
                {details(t, event, people, groups, language).map((line) => (
                  <span key={line} className="table-line">
                    {line}
                  </span>
                ))}
              </td>
              <td>
                <span className={`badge badge-outcome-${event.outcome}`}>{t(`audit.outcomes.${event.outcome}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The action in words; a refused attempt names the permission it lacked. */
function actionText(t: TFunction, event: AuditEvent): string {
  if (event.outcome === "denied") return t("audit.deniedAction", { action: event.action });
  return t([`audit.actions.${event.action}`, `auditLog.actions.${event.action}`, "audit.unknownAction"], { action: event.action });
}

const ROLE_KEYS = new Set(["role", "purpose", "from", "to"]);

/** The subject and the recorded details, with ids turned into the names we know. */
function details(
  t: TFunction,
  event: AuditEvent,
  people: ReadonlyMap<string, string>,
  groups: ReadonlyMap<string, string>,
  language: string,
): string[] {
  const lines: string[] = [];
  const subject = event.subjectId ? (people.get(event.subjectId) ?? groups.get(event.subjectId)) : undefined;
  if (subject) lines.push(t(`audit.subjects.${event.subjectType === "user" ? "user" : "group"}`, { name: subject }));
  for (const [key, value] of Object.entries(event.data)) {
    if (value === null || value === "") continue;
    let shown: string;
    if (typeof value === "boolean") shown = t(value ? "audit.yes" : "audit.no");
    else if (typeof value === "string" && (people.has(value) || groups.has(value))) shown = people.get(value) ?? groups.get(value) ?? value;
    else if (typeof value === "string" && ROLE_KEYS.has(key)) shown = roleName(t, value);
    else if (key === "expiresAt" && typeof value === "string") shown = formatDateTime(value, language);
    else shown = String(value);
    lines.push(t([`audit.fields.${key}`, "audit.fields.unknown"], { field: key, value: shown }));
  }
  return lines;
}
