/**
 * The group dashboard's sections for one response of `GET /groups/{id}/statistics`: summary
 * figures, loops per week, feelings (spread and per week), tags, tasks, the task × tag heat-map,
 * participation and how anonymity is kept. Every bar and cell with loops opens the inbox on them.
 */
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ChartLine, EyeOff } from "lucide-react";
import { addDays } from "../../../shared/days.js";
import { EMOJI_LEVELS } from "../../../shared/schemas/loops.js";
import type { GroupStatistics } from "../../api/statistics.js";
import type { Group } from "../../../shared/schemas/groups.js";
import { currentLanguage } from "../../i18n/index.js";
import { formattingLocale, timeZoneLabel } from "../../lib/format.js";
import { BarChart, BarList, HeatMap, WithheldNote, emojiTone, useNumberFormat } from "../charts/index.js";
import { FigureValue } from "../dashboards/FigureValue.js";
import { formatDay, weekBar } from "../dashboards/format.js";
import { PeriodSummary } from "../dashboards/PeriodPicker.js";
import { StatTiles, type StatTile } from "../dashboards/StatTiles.js";
import { EmojiFace } from "../EmojiScale.js";
import { SelectField } from "../Field.js";
import { TagChip } from "../TagChip.js";
import { formatHours, inboxHref, type InboxLink } from "./labels.js";

/** The choices of "quiet for N days". */
export const INACTIVE_CHOICES = [7, 14, 30, 60] as const;

export function GroupDashboard({ group, stats }: { group: Group; stats: GroupStatistics }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const { period } = stats;
  const base = { groupId: group.id, from: period.from, to: period.to };
  const weekLink = (week: string, more: Partial<InboxLink> = {}) => inboxHref({ ...base, from: week, to: addDays(week, 6), ...more });
  const loopsUnit = (n: number) => t("statistics.units.loops", { count: n });
  const hint = t("statistics.openInbox");
  const empty = stats.totals.loops.value === 0 && !stats.totals.loops.withheld;
  return (
    <div className="stack statistics-sections">
      <div className="statistics-covered">
        <PeriodSummary period={period} />
        <p className="muted small">{t("statistics.timeZone", { zone: timeZoneLabel(period.timeZone, locale) })}</p>
      </div>
      <Summary stats={stats} />
      {empty ? (
        <div className="empty-state">
          <span className="empty-state-icon" aria-hidden="true">
            <ChartLine size={28} />
          </span>
          <h2>{t("statistics.empty.title")}</h2>
          <p>{t("statistics.empty.body")}</p>
        </div>
      ) : (
        <>
          <Section id="statistics-weeks" title={t("statistics.weeks.title")}>
            <BarChart
              caption={t("statistics.weeks.caption")}
              series={[{ key: "loops", label: t("statistics.weeks.loops"), tone: "primary" }]}
              bars={stats.weeks.map((w) => ({
                ...weekBar(t, w.week, locale),
                values: [w.loops],
                href: w.loops.value > 0 ? weekLink(w.week) : undefined,
              }))}
              unit={loopsUnit}
              labelHeader={t("dashboardPeriod.week")}
              linkHint={hint}
            />
          </Section>
          <Feelings group={group} stats={stats} hint={hint} weekLink={weekLink} />
          <Tags stats={stats} hint={hint} base={base} />
          <Tasks stats={stats} base={base} />
          <TaskTags stats={stats} hint={hint} base={base} />
        </>
      )}
      <Participation stats={stats} base={base} />
      <Anonymity k={stats.minSenders} />
    </div>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="card statistics-section" aria-labelledby={id}>
      <div className="card-header">
        <h2 id={id}>{title}</h2>
        {lead ? <p className="muted">{lead}</p> : null}
      </div>
      {children}
    </section>
  );
}

function Summary({ stats }: { stats: GroupStatistics }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const number = useNumberFormat();
  const percent = useNumberFormat({ style: "percent", maximumFractionDigits: 0 });
  const { totals } = stats;
  const tiles: StatTile[] = [
    { key: "loops", label: t("statistics.summary.loops"), value: <FigureValue figure={totals.loops} format={number} unit={(n) => t("statistics.units.loops", { count: n })} /> },
    {
      key: "comments",
      label: t("statistics.summary.comments"),
      value: <FigureValue figure={totals.comments} format={number} unit={(n) => t("statistics.units.comments", { count: n })} />,
    },
    {
      key: "senders",
      label: t("statistics.summary.senders"),
      value: number(totals.namedSenders),
      note: t("statistics.summary.sendersOf", { count: stats.members, members: number(stats.members) }),
    },
    {
      key: "answered",
      label: t("statistics.summary.answered"),
      value: totals.answeredShare === null ? <NoValue text={t("statistics.summary.noNamed")} /> : percent(totals.answeredShare),
      note: t("statistics.summary.namedOnly"),
    },
    {
      key: "median",
      label: t("statistics.summary.median"),
      value: totals.medianHoursToAnswer === null ? <NoValue text={t("statistics.summary.noAnswers")} /> : formatHours(totals.medianHoursToAnswer, locale),
      note: t("statistics.summary.medianNote"),
    },
  ];
  return (
    <section aria-labelledby="statistics-summary" className="stack">
      <h2 id="statistics-summary" className="visually-hidden">
        {t("statistics.summary.title")}
      </h2>
      <StatTiles tiles={tiles} />
      {totals.loops.withheld || totals.comments.withheld ? <WithheldNote /> : null}
    </section>
  );
}

/** A dash on screen, the reason in words for screen readers. */
function NoValue({ text }: { text: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{text}</span>
    </>
  );
}

function Feelings(props: { group: Group; stats: GroupStatistics; hint: string; weekLink: (week: string, more?: Partial<InboxLink>) => string }) {
  const { t } = useTranslation();
  const { stats, hint, weekLink } = props;
  const locale = formattingLocale(currentLanguage());
  const mean = useNumberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const unit = (n: number) => t("statistics.units.loops", { count: n });
  const feeling = (level: number) => t(`emoji.levels.${level}`);
  const period = { groupId: props.group.id, from: stats.period.from, to: stats.period.to };
  const shown = stats.emoji.reduce((sum, f) => sum + f.value, 0);
  const overall = shown > 0 ? stats.emoji.reduce((sum, f, i) => sum + f.value * (i + 1), 0) / shown : null;
  return (
    <Section
      id="statistics-feelings"
      title={t("statistics.feelings.title")}
      lead={overall === null ? t("statistics.feelings.noMean") : t("statistics.feelings.mean", { mean: mean(overall) })}
    >
      <div className="statistics-pair">
        <BarChart
          caption={t("statistics.feelings.spreadCaption")}
          layout="narrow"
          series={[{ key: "loops", label: t("statistics.weeks.loops"), tone: "primary" }]}
          bars={EMOJI_LEVELS.map((level, i) => ({
            key: String(level),
            label: <EmojiFace level={level} size={28} />,
            name: feeling(level),
            values: [stats.emoji[i]!],
            tone: emojiTone(level),
            href: stats.emoji[i]!.value > 0 ? inboxHref({ ...period, emoji: level }) : undefined,
          }))}
          unit={unit}
          labelHeader={t("statistics.feelings.feeling")}
          linkHint={hint}
        />
        <BarChart
          caption={t("statistics.feelings.trendCaption")}
          description={t("statistics.feelings.trendLead")}
          series={EMOJI_LEVELS.map((level) => ({ key: String(level), label: feeling(level), tone: emojiTone(level), icon: <EmojiFace level={level} size={20} /> }))}
          bars={stats.weeks.map((w) => ({
            ...weekBar(t, w.week, locale),
            values: w.emoji,
            href: w.loops.value > 0 ? weekLink(w.week) : undefined,
            cellHrefs: EMOJI_LEVELS.map((level) => weekLink(w.week, { emoji: level })),
            extra: [w.meanEmoji === null ? "–" : mean(w.meanEmoji)],
          }))}
          unit={unit}
          labelHeader={t("dashboardPeriod.week")}
          extraHeaders={[t("statistics.feelings.meanHeader")]}
          linkHint={hint}
        />
      </div>
    </Section>
  );
}

function Tags({ stats, hint, base }: { stats: GroupStatistics; hint: string; base: InboxLink }) {
  const { t } = useTranslation();
  return (
    <Section id="statistics-tags" title={t("statistics.tags.title")}>
      {stats.tags.length === 0 ? (
        <p className="muted">{t("statistics.tags.none")}</p>
      ) : (
        <BarList
          caption={t("statistics.tags.caption")}
          items={stats.tags.map(({ tag, loops }) => ({
            key: tag.id,
            label: <TagChip tag={tag} />,
            name: tag.archived ? t("statistics.tags.archived", { name: tag.name }) : tag.name,
            value: loops,
            href: loops.value > 0 ? inboxHref({ ...base, tagId: tag.id }) : undefined,
          }))}
          unit={(n) => t("statistics.units.loops", { count: n })}
          labelHeader={t("statistics.tags.tag")}
          valueHeader={t("statistics.weeks.loops")}
          linkHint={hint}
        />
      )}
    </Section>
  );
}

function Tasks({ stats, base }: { stats: GroupStatistics; base: InboxLink }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const percent = useNumberFormat({ style: "percent", maximumFractionDigits: 0 });
  const mean = useNumberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <Section id="statistics-tasks" title={t("statistics.tasks.title")} lead={t("statistics.tasks.lead")}>
      {stats.tasks.length === 0 ? (
        <p className="muted">{t("statistics.tasks.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="statistics-tasks" tabIndex={0}>
          <table className="table statistics-table">
            <thead>
              <tr>
                <th scope="col">{t("statistics.tasks.task")}</th>
                <th scope="col">{t("statistics.weeks.loops")}</th>
                <th scope="col">{t("statistics.tasks.senders")}</th>
                <th scope="col">{t("statistics.tasks.completion")}</th>
                <th scope="col">{t("statistics.tasks.approved")}</th>
                <th scope="col">{t("statistics.tasks.mean")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.tasks.map((row) => (
                <tr key={row.task.id}>
                  <th scope="row">{row.task.title}</th>
                  <td>
                    {row.loops > 0 ? (
                      <Link to={inboxHref({ ...base, taskId: row.task.id })} aria-label={t("statistics.tasks.open", { count: row.loops, task: row.task.title })}>
                        {number(row.loops)}
                      </Link>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td>{number(row.senders)}</td>
                  <td>{row.completion === null ? "–" : percent(row.completion)}</td>
                  <td>{number(row.approved)}</td>
                  <td>{row.meanEmoji === null ? "–" : mean(row.meanEmoji)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function TaskTags({ stats, hint, base }: { stats: GroupStatistics; hint: string; base: InboxLink }) {
  const { t } = useTranslation();
  const { heatmap } = stats;
  if (heatmap.tags.length === 0 || heatmap.rows.length === 0) return null;
  return (
    <Section id="statistics-heatmap" title={t("statistics.heatmap.title")} lead={t("statistics.heatmap.lead")}>
      <HeatMap
        caption={t("statistics.heatmap.caption")}
        rowHeader={t("statistics.tasks.task")}
        columns={heatmap.tags.map((tag) => ({
          key: tag.id,
          label: (
            <span className="chart-heat-column">
              <span className={`tag-swatch tag-colour-${tag.colour ?? "none"}`} aria-hidden="true" />
              {tag.name}
            </span>
          ),
          name: t("statistics.heatmap.tag", { name: tag.name }),
        }))}
        rows={heatmap.rows.map((row) => {
          const title = row.task ? row.task.title : t("statistics.heatmap.free");
          return {
            key: row.task?.id ?? "free",
            label: title,
            name: row.task ? t("statistics.heatmap.task", { title }) : title,
            cells: row.cells,
            hrefs: heatmap.tags.map((tag) => inboxHref({ ...base, tagId: tag.id, ...(row.task ? { taskId: row.task.id } : { free: true }) })),
          };
        })}
        unit={(n) => t("statistics.units.loops", { count: n })}
        linkHint={hint}
      />
    </Section>
  );
}

function Participation({ stats, base }: { stats: GroupStatistics; base: InboxLink }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const [params, setParams] = useSearchParams();
  const { participation } = stats;
  const quiet = participation.members.filter((m) => m.quiet);
  const byLoops = [...participation.members].sort((a, b) => b.loops - a.loops || a.person.name.localeCompare(b.person.name, locale));
  const choices: number[] = [...INACTIVE_CHOICES];
  if (!choices.includes(participation.inactiveDays)) choices.push(participation.inactiveDays);
  const setDays = (value: string) => {
    const next = new URLSearchParams(params);
    next.set("inactiveDays", value);
    setParams(next, { replace: true });
  };
  return (
    <Section id="statistics-participation" title={t("statistics.participation.title")} lead={t("statistics.participation.lead")}>
      {participation.members.length === 0 ? (
        <p className="muted">{t("statistics.participation.noMembers")}</p>
      ) : (
        <div className="stack">
          <div className="statistics-quiet">
            <SelectField
              id="statistics-inactive-days"
              label={t("statistics.participation.days")}
              value={String(participation.inactiveDays)}
              onChange={(e) => setDays(e.target.value)}
              options={choices.map((n) => ({ value: String(n), label: t("statistics.participation.daysOption", { count: n }) }))}
            />
            {quiet.length === 0 ? (
              <p>{t("statistics.participation.noneQuiet", { count: participation.inactiveDays })}</p>
            ) : (
              <>
                <h3 id="statistics-quiet-title">{t("statistics.participation.quietTitle", { count: quiet.length, days: participation.inactiveDays })}</h3>
                <ul className="statistics-quiet-list" aria-labelledby="statistics-quiet-title">
                  {quiet.map((m) => (
                    <li key={m.person.id}>
                      <span className="statistics-quiet-name">{m.person.name}</span>{" "}
                      <span className="muted small">
                        {m.lastLoopOn ? t("statistics.participation.lastLoop", { date: formatDay(m.lastLoopOn, locale) }) : t("statistics.participation.never")}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          {byLoops.every((m) => m.loops === 0) ? (
            <p className="muted">{t("statistics.participation.noLoops")}</p>
          ) : (
            <BarList
              caption={t("statistics.participation.caption")}
              items={byLoops.map((m) => ({
                key: m.person.id,
                label: m.person.name,
                name: m.person.name,
                value: m.loops,
                href: m.loops > 0 ? inboxHref({ ...base, senderId: m.person.id }) : undefined,
                extra: [m.lastLoopOn ? formatDay(m.lastLoopOn, locale) : t("statistics.participation.neverShort")],
              }))}
              unit={(n) => t("statistics.units.loops", { count: n })}
              labelHeader={t("statistics.participation.member")}
              valueHeader={t("statistics.weeks.loops")}
              extraHeaders={[t("statistics.participation.lastHeader")]}
              linkHint={t("statistics.openInbox")}
            />
          )}
        </div>
      )}
    </Section>
  );
}

function Anonymity({ k }: { k: number }) {
  const { t } = useTranslation();
  return (
    <section className="card statistics-anonymity" aria-labelledby="statistics-anonymity">
      <div className="statistics-anonymity-head">
        <EyeOff size={20} aria-hidden="true" />
        <h2 id="statistics-anonymity">{t("statistics.anonymity.title")}</h2>
      </div>
      <p>{t("statistics.anonymity.k", { count: k })}</p>
      <p>{t("statistics.anonymity.weekOver")}</p>
      <p>{t("statistics.anonymity.complementary")}</p>
      <p>{t("statistics.anonymity.named")}</p>
    </section>
  );
}
