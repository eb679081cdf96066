/** Reads of the check-ins module: check-ins and their occurrences. */
import type { Db } from "../../db/index.js";
import type { CheckinOccurrenceRow } from "../../db/types.js";

/** An occurrence of one of the group's check-ins (tenant and group checked), or undefined. */
export async function findOccurrence(db: Db, organisationId: string, groupId: string, occurrenceId: string): Promise<CheckinOccurrenceRow | undefined> {
  return db
    .selectFrom("checkin_occurrences")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "=", occurrenceId)
    .executeTakeFirst();
}
