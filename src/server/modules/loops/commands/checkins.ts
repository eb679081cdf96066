/** What the check-ins module asks of the loops table, inside its own transaction. */
import type { DbOrTx } from "../../../db/index.js";

/** SQLite's bound-parameter limit is far above this; chunks keep a long-lived check-in's history safe. */
const CHUNK = 500;

/**
 * Detaches loops from check-in occurrences about to be deleted: the loops stay (they are the
 * senders'), they just no longer answer an occurrence. Run in the deleting transaction, before
 * the delete (loops.checkin_occurrence_id references the occurrence without a cascade).
 */
export async function unlinkOccurrences(tx: DbOrTx, organisationId: string, occurrenceIds: readonly string[]): Promise<number> {
  let unlinked = 0;
  for (let i = 0; i < occurrenceIds.length; i += CHUNK) {
    const result = await tx
      .updateTable("loops")
      .set({ checkin_occurrence_id: null })
      .where("organisation_id", "=", organisationId)
      .where("checkin_occurrence_id", "in", occurrenceIds.slice(i, i + CHUNK))
      .executeTakeFirst();
    unlinked += Number(result.numUpdatedRows);
  }
  return unlinked;
}
