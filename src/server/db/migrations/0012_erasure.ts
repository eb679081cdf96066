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
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("erasure_pending_blobs")
    .addColumn("blob_key", "text", (c) => c.primaryKey())
    .addColumn("queued_at", t.timestamp, (c) => c.notNull())
    .execute();

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
