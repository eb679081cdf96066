/** The audit log's raw rows as its readers see them: user ids resolved from their pseudonyms (audit/pseudonyms.ts). */
import type { DbOrTx } from "../../src/server/db/index.js";
import { resolvePseudonyms } from "../../src/server/audit/pseudonyms.js";

export async function auditRows(db: DbOrTx) {
  return resolvePseudonyms(db, await db.selectFrom("audit_events").selectAll().orderBy("created_at").orderBy("id").execute());
}
