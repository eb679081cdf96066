/**
 * The inbox of leaders (and of peers in flat groups): the loops they receive, newest first, with
 * filters kept in the address (so a filtered view can be bookmarked and the back button works),
 * paged by cursor. New loops arrive live through the app's one event stream.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { CalendarClock, CalendarRange, Inbox, Search, SlidersHorizontal, X } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { EMOJI_LEVELS } from "../../shared/schemas/loops.js";
import { getOccurrence, occurrenceKey } from "../api/checkins.js";
import { listGroupMembers, listGroups } from "../api/groups.js";
import { listInbox, type InboxFilter } from "../api/loops.js";
import { listTags, listTasks, tasksKey } from "../api/tasks.js";
import { formatDay } from "../components/dashboards/format.js";
import { CheckboxField, SelectField } from "../components/Field.js";
import { LoadMoreButton, LoopCard } from "../components/LoopCard.js";
import { LoopExport } from "../components/LoopExport.js";
import { Loading, LoadFailed, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { usePageTitle } from "../lib/hooks.js";
import { inboxPageKey, offeredTagsKey } from "../lib/loopKeys.js";
import { groupMembersKey, groupsKey } from "../lib/queryClient.js";

/** The filters, by their names in the address and in the API. */
const FILTER_NAMES = ["groupId", "taskId", "kind", "tagId", "emoji", "senderId", "checkinOccurrenceId", "from", "to", "unread", "unanswered", "approved", "q"] as const;
type FilterName = (typeof FILTER_NAMES)[number];
/** Filters that only make sense inside one group. */
const GROUP_BOUND: readonly FilterName[] = ["taskId", "tagId", "senderId", "checkinOccurrenceId"];

function readFilter(params: URLSearchParams): InboxFilter {
  const filter: InboxFilter = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t("inbox.title"));
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  return (
    <div className="page page-wide">
      <PageHeading lead={t("inbox.lead")}>{t("inbox.title")}</PageHeading>
      <QueryView query={groups}>
        {(list) => {
          const readable = list.filter((group) => group.abilities.readLoops && group.active);
          return readable.length > 0 ? <InboxView groups={readable} /> : <NoInbox />;
        }}
      </QueryView>
    </div>
  );
}

/** Someone who receives no loops: say who does, and what they can do instead. */
function NoInbox() {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <span className="empty-state-icon" aria-hidden="true">
        <Inbox size={28} />
      </span>
      <h2>{t("inbox.noInboxTitle")}</h2>
      <p>{t("inbox.noInboxBody")}</p>
      <Link className="button button-primary" to="/my/loops">
        {t("inbox.toMyLoops")}
      </Link>
    </div>
  );
}

function InboxView({ groups }: { groups: readonly Group[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  // A period (from the dashboard's links) counts as one filter however many of its ends are set.
  const active = Object.keys(filter).length - (filter.from && filter.to ? 1 : 0);
  const setFilter = (name: FilterName, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    // Another group's task, tag or member would match nothing.
    if (name === "groupId") for (const bound of GROUP_BOUND) next.delete(bound);
    setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  const clearPeriod = () => {
    const next = new URLSearchParams(params);
    next.delete("from");
    next.delete("to");
    setParams(next, { replace: true });
  };

  const pages = useInfiniteQuery({
    queryKey: inboxPageKey(filter),
    queryFn: ({ pageParam }) => listInbox(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const loops = pages.data?.pages.flatMap((page) => page.loops) ?? [];

  return (
    <div className="inbox-layout">
      <InboxFilters groups={groups} filter={filter} activeCount={active} onChange={setFilter} onClear={clear} />
      <section className="stack" aria-labelledby="inbox-list-title">
        <h2 id="inbox-list-title" className="visually-hidden">
          {t("inbox.listTitle")}
        </h2>
        {filter.checkinOccurrenceId ? <OccurrenceFilter occurrenceId={filter.checkinOccurrenceId} onClear={() => setFilter("checkinOccurrenceId", "")} /> : null}
        {filter.from || filter.to ? <PeriodFilter from={filter.from} to={filter.to} onClear={clearPeriod} /> : null}
        {pages.isPending ? (
          <Loading />
        ) : pages.isError ? (
          <LoadFailed error={pages.error} retry={() => void pages.refetch()} />
        ) : loops.length === 0 ? (
          active > 0 ? (
            <EmptyState title={t("inbox.noMatchTitle")} body={t("inbox.noMatchBody")}>
              <button type="button" className="button" onClick={clear}>
                <X size={18} aria-hidden="true" />
                {t("inbox.clearFilters")}
              </button>
            </EmptyState>
          ) : (
            <EmptyState title={t("inbox.emptyTitle")} body={t("inbox.emptyBody")}>
              <ul className="plain-list">
                {groups
                  .filter((group) => group.abilities.invite)
                  .map((group) => (
                    <li key={group.id}>
                      <Link to={`/groups/${group.id}/invite`}>{t("inbox.shareCode", { group: group.name })}</Link>
                    </li>
                  ))}
              </ul>
            </EmptyState>
          )
        ) : (
          <>
            <p className="muted small" role="status">
              {t("inbox.shown", { count: loops.length })}
            </p>
            <ul className="loop-list">
              {loops.map((loop) => (
                <LoopCard key={loop.id} loop={loop} headingLevel={3} />
              ))}
            </ul>
            <LoadMoreButton query={pages} label={t("inbox.loadMore")} />
          </>
        )}
      </section>
    </div>
  );
}

/**
 * The check-in filter (set by the link from a check-in's answers, not in the panel): which
 * question and day the list shows the answers to, and a button that shows every loop again.
 */
function OccurrenceFilter({ occurrenceId, onClear }: { occurrenceId: string; onClear: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // A check-in deleted since (or an address from elsewhere) has no occurrence to name: the notice says "a check-in".
  // The day in the organisation's time zone, as on the check-ins page.
  const occurrence = useQuery({ queryKey: occurrenceKey(occurrenceId), queryFn: () => getOccurrence(occurrenceId), retry: false });
  const text = occurrence.data
    ? t("inbox.occurrence.answersTo", {
        prompt: occurrence.data.prompt,
        date: new Intl.DateTimeFormat(formattingLocale(language), { weekday: "short", day: "numeric", month: "short", timeZone: occurrence.data.timeZone }).format(new Date(occurrence.data.occursAt)),
      })
    : t("inbox.occurrence.answersToCheckin");
  return (
    <div className="notice notice-info inbox-occurrence-filter">
      <CalendarClock size={18} aria-hidden="true" />
      <p className="inbox-occurrence-filter-text">{text}</p>
      <button type="button" className="button button-quiet" onClick={onClear} aria-label={t("inbox.occurrence.clearLabel")}>
        <X size={18} aria-hidden="true" />
        {t("inbox.occurrence.clear")}
      </button>
    </div>
  );
}

/**
 * The period filter (set by a dashboard's bar or cell, not in the panel): which days' loops the
 * list shows — days the organisation's, as the dashboard's weeks — and a button that lifts it.
 */
function PeriodFilter({ from, to, onClear }: { from: string | undefined; to: string | undefined; onClear: () => void }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const values = { from: from ? formatDay(from, locale) : "…", to: to ? formatDay(to, locale) : "…" };
  return (
    <div className="notice notice-info inbox-occurrence-filter">
      <CalendarRange size={18} aria-hidden="true" />
      <p className="inbox-occurrence-filter-text">{t("statistics.inboxPeriod.text", values)}</p>
      <button type="button" className="button button-quiet" onClick={onClear} aria-label={t("statistics.inboxPeriod.clearLabel", values)}>
        <X size={18} aria-hidden="true" />
        {t("statistics.inboxPeriod.clear")}
      </button>
    </div>
  );
}

function EmptyState({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <span className="empty-state-icon" aria-hidden="true">
        <Inbox size={28} />
      </span>
      <h3>{title}</h3>
      <p>{body}</p>
      {children}
    </div>
  );
}

/** The filter panel: open on wide screens, folded on phones until asked for. */
function InboxFilters(props: {
  groups: readonly Group[];
  filter: InboxFilter;
  activeCount: number;
  onChange: (name: FilterName, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const { groups, filter, onChange } = props;
  const language = currentLanguage();
  // With one group, its tasks, tags and members can be offered without choosing it first.
  const scope = groups.find((group) => group.id === filter.groupId) ?? (groups.length === 1 ? groups[0] : undefined);
  const tasks = useQuery({
    queryKey: tasksKey(scope?.id ?? ""),
    queryFn: () => listTasks(scope?.id ?? ""),
    enabled: scope !== undefined,
  });
  const tags = useQuery({
    queryKey: offeredTagsKey(scope?.id ?? ""),
    queryFn: () => listTags(scope?.id ?? ""),
    enabled: scope !== undefined,
  });
  const members = useQuery({
    queryKey: groupMembersKey(scope?.id ?? ""),
    queryFn: () => listGroupMembers(scope?.id ?? ""),
    enabled: scope !== undefined && scope.abilities.readMembers,
  });
  // Open when a bookmarked view has filters on; folded when a check-in's link set them (its notice says what is shown).
  const [open, setOpen] = useState(props.activeCount > 0 && !filter.checkinOccurrenceId);
  const bind = (name: FilterName) => ({
    value: filter[name] ?? "",
    onChange: (event: { target: { value: string } }) => onChange(name, event.target.value),
  });
  const any = { value: "", label: t("inbox.filters.any") };
  // Drafts have no reports; a task unpublished after reports came in still finds them.
  const reportedTasks = (tasks.data ?? []).filter((task) => task.published || (task.progress?.sent ?? 0) > 0);
  const senders = (members.data ?? []).filter((member) => member.role === "sender" || scope?.type === "flat");

  return (
    <div className="inbox-filters" data-open={open || undefined}>
      <button
        type="button"
        className="button inbox-filters-toggle"
        aria-expanded={open}
        aria-controls="inbox-filters-body"
        onClick={() => setOpen((current) => !current)}
      >
        <SlidersHorizontal size={18} aria-hidden="true" />
        {props.activeCount > 0 ? t("inbox.filters.titleActive", { count: props.activeCount }) : t("inbox.filters.title")}
      </button>
      <div className="inbox-filters-body stack" id="inbox-filters-body">
        <SearchForm key={filter.q ?? ""} initial={filter.q ?? ""} onSearch={(q) => onChange("q", q)} />
        <div className="filter-grid">
          {groups.length > 1 ? (
            <SelectField
              id="inbox-group"
              label={t("inbox.filters.group")}
              options={[{ value: "", label: t("inbox.filters.allGroups") }, ...groups.map((group) => ({ value: group.id, label: group.name }))]}
              {...bind("groupId")}
            />
          ) : null}
          <SelectField
            id="inbox-kind"
            label={t("inbox.filters.kind")}
            options={[any, { value: "report", label: t("inbox.filters.kinds.report") }, { value: "free", label: t("inbox.filters.kinds.free") }]}
            {...bind("kind")}
          />
          {scope && reportedTasks.length > 0 ? (
            <SelectField
              id="inbox-task"
              label={t("inbox.filters.task")}
              options={[any, ...reportedTasks.map((task) => ({ value: task.id, label: task.title }))]}
              {...bind("taskId")}
            />
          ) : null}
          {scope && (tags.data ?? []).length > 0 ? (
            <SelectField
              id="inbox-tag"
              label={t("inbox.filters.tag")}
              options={[any, ...(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))]}
              {...bind("tagId")}
            />
          ) : null}
          <SelectField
            id="inbox-emoji"
            label={t("inbox.filters.emoji")}
            options={[any, ...EMOJI_LEVELS.map((level) => ({ value: String(level), label: t(`emoji.levels.${level}`) }))]}
            {...bind("emoji")}
          />
          {scope && senders.length > 0 ? (
            <SelectField
              id="inbox-member"
              label={scope.type === "flat" ? t("inbox.filters.member") : scope.roleTitles.sender[language]}
              hint={t("inbox.filters.memberHint")}
              options={[any, ...senders.map((member) => ({ value: member.userId, label: member.name }))]}
              {...bind("senderId")}
            />
          ) : null}
          <SelectField
            id="inbox-approved"
            label={t("inbox.filters.approved")}
            options={[any, { value: "true", label: t("inbox.filters.approvedYes") }, { value: "false", label: t("inbox.filters.approvedNo") }]}
            {...bind("approved")}
          />
        </div>
        <div className="inbox-checks">
          <CheckboxField
            id="inbox-unread"
            label={t("inbox.filters.unread")}
            checked={filter.unread === "true"}
            onChange={(on) => onChange("unread", on ? "true" : "")}
          />
          <CheckboxField
            id="inbox-unanswered"
            label={t("inbox.filters.unanswered")}
            checked={filter.unanswered === "true"}
            onChange={(on) => onChange("unanswered", on ? "true" : "")}
          />
        </div>
        {props.activeCount > 0 ? (
          <div>
            <button type="button" className="button button-quiet" onClick={props.onClear}>
              <X size={18} aria-hidden="true" />
              {t("inbox.clearFilters")}
            </button>
          </div>
        ) : null}
      </div>
      {scope?.abilities.readLoops ? (
        <LoopExport key={`${scope.id}/${filter.from ?? ""}/${filter.to ?? ""}`} group={scope} initialFrom={filter.from} initialTo={filter.to} />
      ) : null}
    </div>
  );
}

/** Words to find in the loops' text; applied on Enter or the button. */
function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(search.trim());
  };
  return (
    <form role="search" className="inbox-search" onSubmit={submit} aria-label={t("inbox.filters.searchLabel")}>
      <label className="field-label" htmlFor="inbox-q">
        {t("inbox.filters.search")}
      </label>
      <div className="inbox-search-row">
        <input id="inbox-q" className="input" type="search" value={search} maxLength={200} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="button">
          <Search size={18} aria-hidden="true" />
          {t("inbox.filters.searchAction")}
        </button>
      </div>
    </form>
  );
}
