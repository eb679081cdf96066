/**
 * An organisation's audit log as CSV rows for spreadsheets: every text cell that a spreadsheet
 * would take for a formula is made inert (`http/csv.ts`), times are ISO 8601 UTC, the details are
 * the recorded JSON. Actors are named through `namesOf` (the accounts module's cards), so this
 * file reads no other module's table.
 */
import { neutralise } from "../http/csv.js";
import type { DbOrTx } from "../db/index.js";
import type { Language } from "../../shared/schemas/accounts.js";
import { auditEventPages, type AuditFilter } from "./index.js";

const HEADINGS = {
  en: ["Time (UTC)", "Actor", "Actor id", "Action", "Outcome", "Subject type", "Subject id", "IP address", "Details"],
  sv: ["Tid (UTC)", "Vem", "Vems id", "Händelse", "Utfall", "Typ av objekt", "Objektets id", "IP-adress", "Detaljer"],
} as const satisfies Record<Language, readonly string[]>;

/** The heading row, then one row per event (newest first). */
export async function* auditCsvRows(
  db: DbOrTx,
  organisationId: string,
  filter: Omit<AuditFilter, "limit">,
  language: Language,
  namesOf: (ids: string[]) => Promise<Map<string, string>>,
): AsyncIterable<string[]> {
  yield [...HEADINGS[language]];
  for await (const page of auditEventPages(db, organisationId, filter)) {
    const names = await namesOf([...new Set(page.flatMap((e) => (e.actor_id ? [e.actor_id] : [])))]);
    for (const e of page) {
      yield [
        new Date(e.created_at).toISOString(),
        e.actor_id ? (names.get(e.actor_id) ?? "") : "",
        e.actor_id ?? "",
        e.action,
        e.outcome,
        e.subject_type,
        e.subject_id ?? "",
        e.ip ?? "",
        e.data,
      ].map(neutralise);
    }
  }
}
