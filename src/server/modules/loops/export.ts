/**
 * A group's loops of a period as rows for a spreadsheet (CSV or XLSX), read in pages so memory
 * stays bounded for any group. The period is whole days in the organisation's time zone; times are
 * shown as local wall time of that zone ("2026-11-30 14:05"). An anonymous loop has no sender
 * value and only its local day, and is placed at that day's start (like the inbox), so neither its
 * cells nor its place tell more than its date. Never a sender's id or e-mail. Text cells are made inert
 * for spreadsheets.
 */
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow, LoopRow } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import { neutralise } from "../../http/csv.js";
import type { Language } from "../../../shared/schemas/accounts.js";
import { findOccurrencePrompts } from "../checkins/queries.js";
import { zonedInstant } from "../checkins/schedule.js";
import { loadLoopDetails } from "./queries.js";

/** The longest period one export covers, in days. */
export const MAX_EXPORT_DAYS = 400;
const PAGE = 500;
const DAY_MS = 86_400_000;

const HEADINGS = {
  en: {
    sent: "Sent",
    sender: "Sender",
    anonymous: "Anonymous",
    task: "Task",
    emoji: "Emoji (1–5)",
    emojiLabel: "Feeling",
    tags: "Tags",
    text: "Text",
    comments: "Comments",
    approved: "Approved",
    checkin: "Check-in question",
    yes: "yes",
    no: "no",
    levels: ["Very bad", "Bad", "Okay", "Good", "Very good"],
    sheet: "Loops",
  },
  sv: {
    sent: "Skickad",
    sender: "Avsändare",
    anonymous: "Anonym",
    task: "Uppgift",
    emoji: "Emoji (1–5)",
    emojiLabel: "Känsla",
    tags: "Taggar",
    text: "Text",
    comments: "Kommentarer",
    approved: "Godkänd",
    checkin: "Incheckningsfråga",
    yes: "ja",
    no: "nej",
    levels: ["Mycket dåligt", "Dåligt", "Okej", "Bra", "Mycket bra"],
    sheet: "Loopar",
  },
} as const;

export interface ExportPeriod {
  from: string;
  to: string;
  /** The first instant of `from` in the zone. */
  start: string;
  /** The first instant of the day after `to` in the zone (exclusive). */
  end: string;
  timeZone: string;
}

const dayParts = (day: string) => {
  const [year, month, dayOfMonth] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: dayOfMonth };
};

/** The period from..to (inclusive days, YYYY-MM-DD) in the zone, or a 400 naming the field. */
export function exportPeriod(from: string, to: string, timeZone: string): ExportPeriod {
  const a = Date.UTC(dayParts(from).year, dayParts(from).month - 1, dayParts(from).day);
  const b = Date.UTC(dayParts(to).year, dayParts(to).month - 1, dayParts(to).day);
  if (b < a) throw badRequest("validation", "The period ends before it starts.", { to: "before_from" });
  if ((b - a) / DAY_MS + 1 > MAX_EXPORT_DAYS) throw badRequest("validation", `A period of at most ${MAX_EXPORT_DAYS} days can be exported.`, { to: "too_long" });
  const next = new Date(b + DAY_MS);
  const start = zonedInstant({ ...dayParts(from), hour: 0, minute: 0 }, timeZone);
  const end = zonedInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone);
  return { from, to, start: start.toISOString(), end: end.toISOString(), timeZone };
}

/** The instant an anonymous loop of `day` (YYYY-MM-DD) is listed at: the start of that UTC day, as in the inbox. */
const anonymousListedAt = (day: string) => `${day}T00:00:00.000Z`;
const dayAfter = (day: string) => new Date(Date.parse(anonymousListedAt(day)) + DAY_MS).toISOString().slice(0, 10);

/**
 * How many loops of the group fall in the period: named loops by their sending time in the
 * organisation's days, anonymous ones by the day the inbox shows them on (see loopPages).
 */
export async function countExportLoops(db: DbOrTx, group: GroupRow, p: ExportPeriod): Promise<number> {
  const row = await db
    .selectFrom("loops")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("organisation_id", "=", group.organisation_id)
    .where("group_id", "=", group.id)
    .where((eb) =>
      eb.or([
        eb.and([eb("is_anonymous", "=", false), eb("created_at", ">=", p.start), eb("created_at", "<", p.end)]),
        eb.and([eb("is_anonymous", "=", true), eb("listed_at", ">=", anonymousListedAt(p.from)), eb("listed_at", "<", anonymousListedAt(dayAfter(p.to)))]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The local days of the period (YYYY-MM-DD) with their first instant and the next day's, in the zone. */
function* daysOf(p: ExportPeriod): Generator<{ date: string; start: string; end: string }> {
  const { year, month, day } = dayParts(p.from);
  const last = Date.UTC(dayParts(p.to).year, dayParts(p.to).month - 1, dayParts(p.to).day);
  for (let d = Date.UTC(year, month - 1, day); d <= last; d += DAY_MS) {
    const at = (ms: number) => {
      const x = new Date(ms);
      return zonedInstant({ year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate(), hour: 0, minute: 0 }, p.timeZone).toISOString();
    };
    yield { date: new Date(d).toISOString().slice(0, 10), start: at(d), end: at(d + DAY_MS) };
  }
}

/**
 * The group's loops of the period, a page at a time, day by day; within a day the anonymous loops
 * first (among themselves in the order of their random ids), then the others in the order they
 * were sent. An anonymous loop belongs to the day the inbox shows it on — its `listed_at`, the
 * start of its UTC day — and never to its sending time's local day: the two together would tell
 * within an hour or two when it was sent.
 */
async function* loopPages(db: DbOrTx, group: GroupRow, p: ExportPeriod): AsyncGenerator<LoopRow[]> {
  for (const day of daysOf(p)) {
    const base = () => db.selectFrom("loops").selectAll().where("organisation_id", "=", group.organisation_id).where("group_id", "=", group.id);
    for (let after: string | null = null; ; ) {
      let q = base().where("is_anonymous", "=", true).where("listed_at", "=", anonymousListedAt(day.date));
      if (after) q = q.where("id", ">", after);
      const rows = await q.orderBy("id", "asc").limit(PAGE).execute();
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.id;
    }
    for (let after: { at: string; id: string } | null = null; ; ) {
      let q = base().where("is_anonymous", "=", false).where("created_at", ">=", day.start).where("created_at", "<", day.end);
      if (after) {
        const { at, id } = after;
        q = q.where((eb) => eb.or([eb("listed_at", ">", at), eb.and([eb("listed_at", "=", at), eb("id", ">", id)])]));
      }
      const rows = await q.orderBy("listed_at", "asc").orderBy("id", "asc").limit(PAGE).execute();
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) break;
      const last = rows.at(-1)!;
      after = { at: new Date(last.listed_at).toISOString(), id: last.id };
    }
  }
}

/** "YYYY-MM-DD HH:MM" (or the day alone) of an instant in the zone. */
function localTime(timeZone: string) {
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (instant: string, dayOnly: boolean) => {
    const text = f.format(new Date(instant));
    return dayOnly ? text.slice(0, 10) : text;
  };
}

/** The heading row, then one row of cells per loop; every text cell already neutralised. */
export async function* exportRows(db: DbOrTx, group: GroupRow, p: ExportPeriod, language: Language, viewerId: string): AsyncGenerator<Array<string | number>> {
  const h = HEADINGS[language];
  const at = localTime(p.timeZone);
  yield [`${h.sent} (${p.timeZone})`, h.sender, h.anonymous, h.task, h.emoji, h.emojiLabel, h.tags, h.text, h.comments, h.approved, h.checkin];
  for await (const loops of loopPages(db, group, p)) {
    const d = await loadLoopDetails(db, loops, viewerId);
    const prompts = await findOccurrencePrompts(db, group.organisation_id, [...new Set(loops.flatMap((l) => (l.checkin_occurrence_id ? [l.checkin_occurrence_id] : [])))]);
    for (const l of loops) {
      yield [
        // The day the inbox shows an anonymous loop on, and nothing finer.
        l.is_anonymous ? new Date(l.listed_at).toISOString().slice(0, 10) : at(new Date(l.created_at).toISOString(), false),
        l.is_anonymous ? "" : neutralise(d.cards.get(l.sender_id)?.name ?? ""),
        l.is_anonymous ? h.yes : h.no,
        neutralise(l.task_id ? (d.tasks.get(l.task_id)?.title ?? "") : ""),
        l.emoji,
        h.levels[l.emoji - 1] ?? "",
        neutralise((d.tags.get(l.id) ?? []).map((t) => t.name).join(", ")),
        neutralise(l.text),
        l.comment_count,
        l.approved_at ? at(new Date(l.approved_at).toISOString(), false) : "",
        neutralise(l.checkin_occurrence_id ? (prompts.get(l.checkin_occurrence_id) ?? "") : ""),
      ];
    }
  }
}

/** The rows as CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF lines, streamed. */
export function csvStream(rows: AsyncIterable<Array<string | number>>): Readable {
  return Readable.from(rows).pipe(stringify({ bom: true, record_delimiter: "windows" }));
}

/** The rows as one XLSX sheet, written as they come (exceljs' streaming writer). */
export function xlsxStream(rows: AsyncIterable<Array<string | number>>, language: Language): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(HEADINGS[language].sheet);
  void (async () => {
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
