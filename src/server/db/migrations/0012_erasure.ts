/**
 * Issue 7 (erasure): "delete my account".
 *
 * - `erasure_pending_blobs`: the files of an erasure, written in its transaction and deleted after
 *   the commit (never before); a crash in between leaves the keys here for the sweep job, so a
 *   half-finished erasure always finishes.
 * - `survey_responses.user_id` becomes nullable: an erased person's answers to a closed anonymous
 *   survey are detached from them instead of deleted (deleting would change results already shown
 *   and tell, by difference, what that person answered — design.md §7.4). The unique (survey, user)
 *   key allows any number of detached rows (NULLs are distinct on both dialects).
 * - `audit_people`: audit rows carry pseudonyms instead of user ids (audit/pseudonyms.ts); this
 *   table says whom each stands for while the person exists. Rows written before this migration
 *   are rewritten once: the append-only triggers are dropped for the rewrite and made again.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { newPseudonym, USER_ID_DATA_KEYS } from "../../audit/pseudonyms.js";
import { columnTypes } from "./columns.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 500;

interface AuditRow {
  id: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string | null;
  data: string;
}

/** Replaces every user id in the audit rows written so far by the person's (new) pseudonym. */
async function pseudonymiseAuditRows(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const people = new Map<string, string>();
  const existing = new Set((await sql<{ id: string }>`select id from users`.execute(db)).rows.map((r) => r.id));
  const pseudonym = (userId: string) => {
    let p = people.get(userId);
    if (!p) people.set(userId, (p = newPseudonym()));
    return p;
  };
  const trigger = dialect === "postgres" ? [sql`drop trigger audit_events_no_update on audit_events`] : [sql`drop trigger audit_events_no_update`, sql`drop trigger audit_events_no_delete`];
  for (const statement of trigger) await statement.execute(db);
  let after = "";
  for (;;) {
    const rows = (await sql<AuditRow>`select id, actor_id, subject_type, subject_id, data from audit_events where id > ${after} order by id limit ${PAGE}`.execute(db)).rows;
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      let dataChanged = false;
      for (const [key, value] of Object.entries(data)) {
        if (USER_ID_DATA_KEYS.has(key) && typeof value === "string" && UUID.test(value)) {
          data[key] = pseudonym(value);
          dataChanged = true;
        }
      }
      const actor = r.actor_id === null ? null : pseudonym(r.actor_id);
      const subject = r.subject_type === "user" && r.subject_id !== null ? pseudonym(r.subject_id) : r.subject_id;
      if (actor !== r.actor_id || subject !== r.subject_id || dataChanged) {
        await sql`update audit_events set actor_id = ${actor}, subject_id = ${subject}, data = ${dataChanged ? JSON.stringify(data) : r.data} where id = ${r.id}`.execute(db);
      }
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  // Pseudonyms of accounts that exist resolve to them; any other id was no one's.
  for (const [userId, p] of people) if (existing.has(userId)) await sql`insert into audit_people (pseudonym, user_id) values (${p}, ${userId})`.execute(db);
  if (dialect === "postgres") {
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("erasure_pending_blobs")
    .addColumn("blob_key", "text", (c) => c.primaryKey())
    .addColumn("queued_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("audit_people")
    .addColumn("pseudonym", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().unique().references("users.id").onDelete("cascade"))
    .execute();
  await pseudonymiseAuditRows(db, dialect);

  if (dialect === "postgres") {
    await sql`alter table survey_responses alter column user_id drop not null`.execute(db);
    return;
  }
  // SQLite cannot drop NOT NULL: rebuild the table. Dropping a table runs its ON DELETE actions
  // (survey_answers would cascade away), so the answers are set aside and rebuilt too.
  await sql`create table survey_answers_keep as select * from survey_answers`.execute(db);
  await sql`drop table survey_answers`.execute(db);
  await db.schema
    .createTable("survey_responses_new")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("submitted_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("survey_responses_org_id_uq", ["organisation_id", "id"])
    .addUniqueConstraint("survey_responses_once_uq", ["survey_id", "user_id"])
    .addForeignKeyConstraint("survey_responses_survey_fk", ["organisation_id", "survey_id"], "surveys", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await sql`insert into survey_responses_new (id, organisation_id, survey_id, user_id, submitted_at, updated_at)
    select id, organisation_id, survey_id, user_id, submitted_at, updated_at from survey_responses`.execute(db);
  await sql`drop table survey_responses`.execute(db);
  await sql`alter table survey_responses_new rename to survey_responses`.execute(db);
  await db.schema
    .createTable("survey_answers")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_answers_pk", ["response_id", "question_id"])
    .addForeignKeyConstraint("survey_answers_response_fk", ["organisation_id", "response_id"], "survey_responses", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("survey_answers_question_fk", ["organisation_id", "question_id"], "survey_questions", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("survey_answers_question_idx").on("survey_answers").column("question_id").execute();
  await sql`insert into survey_answers (organisation_id, response_id, question_id, value)
    select organisation_id, response_id, question_id, value from survey_answers_keep`.execute(db);
  await sql`drop table survey_answers_keep`.execute(db);
}
