/**
 * Pseudonyms in the audit log (issue 7, erasure; design.md §7.14). Audit rows never hold a
 * person's id: every user id an event carries — its actor, its subject when the subject is a
 * user, and user ids in its data — is written as that person's pseudonym, a random value kept in
 * `audit_people (pseudonym, user_id)`. While the person exists the audit page and CSV resolve it
 * back to them; erasing the account deletes that row (ON DELETE CASCADE), and from then on their
 * rows read as "Deleted user" with nothing that leads back to them.
 *
 * Random rather than a keyed hash of the id (the first design): a keyed hash can be recomputed by
 * anyone holding the key and a former user id (a backup, an old e-mail), which links the erased
 * person's rows again. A random pseudonym has no such inverse, and needs no secret to keep.
 */
import { randomBytes } from "node:crypto";
import { compiledOnce } from "../db/compiled.js";
import type { DbOrTx } from "../db/index.js";

/** Keys of an event's `data` whose value, when it is a UUID, is a person's id (ownership from/to, an export's subject, a filter's actor). */
export const USER_ID_DATA_KEYS: ReadonlySet<string> = new Set(["from", "to", "subject", "actorId", "userId", "ownerId", "memberId", "senderId", "contactId"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh pseudonym: 128 random bits as hex (never UUID-shaped, so it is never taken for an id). */
export const newPseudonym = (): string => randomBytes(16).toString("hex");

// Every audited act asks this: compiled once.
const selectPseudonym = compiledOnce(1, (db, userId) => db.selectFrom("audit_people").select("pseudonym").where("user_id", "=", userId!));
// Only for an existing account: a pseudonym of no one is never stored.
const insertPseudonym = compiledOnce(2, (db, pseudonym, userId) =>
  db
    .insertInto("audit_people")
    .columns(["pseudonym", "user_id"])
    .expression((eb) => eb.selectFrom("users").select([eb.val(pseudonym!).as("pseudonym"), "id"]).where("id", "=", userId!))
    .onConflict((oc) => oc.column("user_id").doNothing()),
);

/** The person's pseudonym, made on first use; for an id of no account, a fresh one that resolves to no one. */
export async function pseudonymOf(db: DbOrTx, userId: string): Promise<string> {
  const [found] = await selectPseudonym(db, userId);
  if (found) return found.pseudonym;
  const made = newPseudonym();
  await insertPseudonym(db, made, userId);
  // Another transaction may have made one first (the insert then did nothing): read what stands.
  const [stored] = await selectPseudonym(db, userId);
  return stored?.pseudonym ?? made;
}

export interface AuditIds {
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, string | number | boolean | null>;
}

/** The event's ids as written: every user id replaced by its pseudonym. */
export async function pseudonymise(db: DbOrTx, e: AuditIds): Promise<AuditIds> {
  const data = { ...e.data };
  for (const [key, value] of Object.entries(data)) {
    if (USER_ID_DATA_KEYS.has(key) && typeof value === "string" && UUID.test(value)) data[key] = await pseudonymOf(db, value);
  }
  return {
    actorId: e.actorId === null ? null : await pseudonymOf(db, e.actorId),
    subjectType: e.subjectType,
    subjectId: e.subjectType === "user" && e.subjectId !== null ? await pseudonymOf(db, e.subjectId) : e.subjectId,
    data,
  };
}

/** The pseudonyms a filter by actor matches: the person's (a user id), or the value itself (a pseudonym, e.g. a deleted user's). */
export function actorPseudonyms(db: DbOrTx, actorId: string) {
  return db.selectFrom("audit_people").select("pseudonym").where("user_id", "=", actorId);
}

interface StoredRow {
  actor_id: string | null;
  subject_type: string;
  subject_id: string | null;
  data: string;
}

/**
 * Rows as readers see them: each pseudonym of an existing person back to their user id; a
 * pseudonym whose person was erased stays as it is (shown as "Deleted user").
 */
export async function resolvePseudonyms<R extends StoredRow>(db: DbOrTx, rows: R[]): Promise<R[]> {
  const parsed = rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
  const wanted = new Set<string>();
  rows.forEach((r, i) => {
    if (r.actor_id) wanted.add(r.actor_id);
    if (r.subject_type === "user" && r.subject_id) wanted.add(r.subject_id);
    for (const [key, value] of Object.entries(parsed[i]!)) if (USER_ID_DATA_KEYS.has(key) && typeof value === "string") wanted.add(value);
  });
  if (wanted.size === 0) return rows;
  const people = new Map(
    (await db.selectFrom("audit_people").select(["pseudonym", "user_id"]).where("pseudonym", "in", [...wanted]).execute()).map((p) => [p.pseudonym, p.user_id]),
  );
  const back = (v: string | null) => (v === null ? null : (people.get(v) ?? v));
  return rows.map((r, i) => {
    const data = parsed[i]!;
    let changed = false;
    for (const [key, value] of Object.entries(data)) {
      if (USER_ID_DATA_KEYS.has(key) && typeof value === "string" && people.has(value)) {
        data[key] = people.get(value);
        changed = true;
      }
    }
    return {
      ...r,
      actor_id: back(r.actor_id),
      subject_id: r.subject_type === "user" ? back(r.subject_id) : r.subject_id,
      data: changed ? JSON.stringify(data) : r.data,
    };
  });
}
