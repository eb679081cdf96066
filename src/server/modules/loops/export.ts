/**
 * A group's loops of a period as rows for a spreadsheet (CSV or XLSX), read in pages so memory
 * stays bounded for any group. The period is whole days of the organisation: a loop belongs to
 * the day it is listed on (`listed_on`, the organisation's day it was sent on). Times are shown as
 * local wall time of the organisation's zone ("2026-11-30 14:05"). An anonymous loop has no sender
 * value and only its day, and is placed at that day's start (like the inbox), so neither its
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
import { daysBetween } from "../../../shared/days.js";
import { assertPeriodOrder } from "../../http/validation.js";
import { loadLoopDetails, loopsListedIn } from "./queries.js";

/** The longest period one export covers, in days. */
export const MAX_EXPORT_DAYS = 400;
const PAGE = 500;

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
  /** The first day (YYYY-MM-DD), inclusive. */
  from: string;
  /** The last day, inclusive. */
  to: string;
  /** The organisation's zone, in which the times are shown. */
  timeZone: string;
}

/** The period from..to (inclusive days, YYYY-MM-DD) in the zone, or a 400 naming the field. */
export function exportPeriod(from: string, to: string, timeZone: string): ExportPeriod {
  assertPeriodOrder(from, to);
  if (daysBetween(from, to) + 1 > MAX_EXPORT_DAYS) throw badRequest("validation", `A period of at most ${MAX_EXPORT_DAYS} days can be exported.`, { to: "too_long" });
  return { from, to, timeZone };
}

/** The group's loops of the period: those listed on its days (`listed_on`, the organisation's day each was sent on). */
const loopsOfPeriod = (db: DbOrTx, group: Pick<GroupRow, "organisation_id" | "id">, p: Pick<ExportPeriod, "from" | "to">) =>
  loopsListedIn(db, group.organisation_id, group.id, p.from, p.to);

/** How many loops of the group fall in the period. */
export async function countExportLoops(db: DbOrTx, group: GroupRow, p: ExportPeriod): Promise<number> {
  const row = await loopsOfPeriod(db, group, p)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The group's loops of the period, a page at a time, day by day, in the order of their place in
 * lists (`listed_at`): an anonymous loop stands at its day's start, so the anonymous ones come
 * first (among themselves in the order of their random ids), then the others in the order they
 * were sent.
 */
export async function* loopPages(db: DbOrTx, group: Pick<GroupRow, "organisation_id" | "id">, p: Pick<ExportPeriod, "from" | "to">): AsyncGenerator<LoopRow[]> {
  for (let after: { on: string; at: string; id: string } | null = null; ; ) {
    let q = loopsOfPeriod(db, group, p).selectAll();
    if (after) {
      const { on, at, id } = after;
      q = q.where((eb) => eb(eb.refTuple("listed_on", "listed_at", "id"), ">", eb.tuple(on, at, id)));
    }
    const rows = await q.orderBy("listed_on", "asc").orderBy("listed_at", "asc").orderBy("id", "asc").limit(PAGE).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { on: last.listed_on, at: new Date(last.listed_at).toISOString(), id: last.id };
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
        l.is_anonymous ? l.listed_on : at(new Date(l.created_at).toISOString(), false),
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
