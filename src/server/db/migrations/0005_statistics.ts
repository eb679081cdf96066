/**
 * Issue 6: statistics. Every loop gets one day, `listed_on`: the organisation-local day it was
 * sent on (the organisation's time zone when it was sent), which statistics, the export and the
 * inbox's period filter all use; an anonymous loop's `listed_at` becomes the start of that local
 * day (it was the start of its UTC day). `answered_at` is when a loop first got an answer.
 * `loop_activity_weeks` rolls loops up per group, week (Monday of `listed_on`) and sender; three
 * small roll-ups derived from it serve the organisation dashboard without reading a row per person
 * and week: `loop_activity_group_weeks` (per group and week), `loop_activity_member_bits` and
 * `loop_activity_person_bits` (per person in a group / in the organisation and block of 50 weeks,
 * the weeks with a named loop as bits: loops/activity-bits.ts). The loops module keeps all four in
 * step in the same transaction as every insert and delete. The organisation chooses k, the fewest distinct senders an anonymous
 * statistic needs (design.md §7.4).
 *
 * The backfills run in TypeScript, in batches, so they are the same on both dialects and use the
 * very functions sending a loop uses (`loops/listing.ts`, `weekStart`).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { weekStart } from "../../../shared/days.js";
import { DEFAULT_TIME_ZONE } from "../../../shared/schemas/organisations.js";
import { listingOf } from "../../modules/loops/listing.js";
import { bitsOf, groupWeeksOf } from "../../modules/loops/activity-bits.js";
import { columnTypes } from "./columns.js";

/** The tables as this migration sees them (not the application's types, which move on). */
interface Tables {
  organisations: { id: string; time_zone: string };
  loops: {
    id: string;
    organisation_id: string;
    group_id: string;
    sender_id: string;
    is_anonymous: boolean;
    created_at: string;
    listed_at: string;
    listed_on: string | null;
  };
  loop_activity_weeks: { organisation_id: string; group_id: string; week: string; sender_id: string; named_loops: number; anonymous_loops: number };
  loop_activity_group_weeks: {
    organisation_id: string;
    group_id: string;
    week: string;
    named_loops: number;
    anonymous_loops: number;
    named_senders: number;
    anonymous_senders: number;
  };
  loop_activity_member_bits: { organisation_id: string; group_id: string; sender_id: string; block: number; weeks: number };
  loop_activity_person_bits: { organisation_id: string; sender_id: string; block: number; weeks: number };
}

const BATCH = 1000;
/** Rows per insert: at most 7 parameters each, well under SQLite's limit. */
const INSERT_BATCH = 500;

export async function up(untyped: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const db = untyped as Kysely<Tables>;
  const t = columnTypes(dialect);
  const toGroup = ["organisation_id", "group_id"] as const;

  // k of the anonymity rule; 3 is the floor (design.md §7.4 says 5 by default).
  await db.schema
    .alterTable("organisations")
    .addColumn("statistics_min_senders", "integer", (c) => c.notNull().defaultTo(5).check(sql`statistics_min_senders between 3 and 50`))
    .execute();

  // SQLite adds a NOT NULL column to a filled table only with a default; every insert names
  // listed_on (db/types.ts), so the '' never stays. PostgreSQL sets NOT NULL after the backfill,
  // which also proves that no row was missed.
  await db.schema.alterTable("loops").addColumn("listed_on", "text", (c) => (dialect === "postgres" ? c : c.notNull().defaultTo(""))).execute();
  await db.schema.alterTable("loops").addColumn("answered_at", t.timestamp).execute();

  await db.schema
    .createTable("loop_activity_weeks")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    /** The Monday (YYYY-MM-DD) of the loops' listed_on. */
    .addColumn("week", "text", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("named_loops", "integer", (c) => c.notNull().defaultTo(0).check(sql`named_loops >= 0`))
    .addColumn("anonymous_loops", "integer", (c) => c.notNull().defaultTo(0).check(sql`anonymous_loops >= 0`))
    .addPrimaryKeyConstraint("loop_activity_weeks_pk", ["group_id", "week", "sender_id"])
    .addForeignKeyConstraint("loop_activity_weeks_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  // A person's weeks across the organisation's groups: what recounting their bits reads (loops/commands/activity.ts).
  await db.schema.createIndex("loop_activity_weeks_sender_idx").on("loop_activity_weeks").columns(["organisation_id", "sender_id", "week"]).execute();

  // Derived from loop_activity_weeks (loops/activity-bits.ts). Keys lead with the organisation and
  // the week or block, so the dashboard reads a period as one range of the key.
  await db.schema
    .createTable("loop_activity_group_weeks")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("week", "text", (c) => c.notNull())
    .addColumn("named_loops", "integer", (c) => c.notNull())
    .addColumn("anonymous_loops", "integer", (c) => c.notNull())
    .addColumn("named_senders", "integer", (c) => c.notNull())
    /** The anonymity rule's count (never shown). */
    .addColumn("anonymous_senders", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_activity_group_weeks_pk", ["organisation_id", "week", "group_id"])
    .addForeignKeyConstraint("loop_activity_group_weeks_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("loop_activity_member_bits")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** floor(week number / 50), weeks numbered from Monday 1970-01-05. */
    .addColumn("block", "integer", (c) => c.notNull())
    /** Bit i: a named loop in week block·50 + i. */
    .addColumn("weeks", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_activity_member_bits_pk", ["organisation_id", "block", "group_id", "sender_id"])
    .addForeignKeyConstraint("loop_activity_member_bits_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("loop_activity_person_bits")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("sender_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("block", "integer", (c) => c.notNull())
    .addColumn("weeks", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_activity_person_bits_pk", ["organisation_id", "block", "sender_id"])
    .execute();

  // ---- backfill: listed_on, anonymous listed_at, and the roll-up, a batch of loops at a time ----
  const zones = new Map((await db.selectFrom("organisations").select(["id", "time_zone"]).execute()).map((o) => [o.id, o.time_zone]));
  const weeks = new Map<string, Tables["loop_activity_weeks"]>();
  for (let after = ""; ; ) {
    const loops = await db
      .selectFrom("loops")
      .select(["id", "organisation_id", "group_id", "sender_id", "is_anonymous", "created_at"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (loops.length === 0) break;
    // One update per distinct value in the batch: a batch of one class's loops spans a few days.
    const byValue = new Map<string, { listedOn: string; listedAt: string | null; ids: string[] }>();
    for (const l of loops) {
      const anonymous = Boolean(l.is_anonymous);
      const listing = listingOf(l.created_at, anonymous, zones.get(l.organisation_id) ?? DEFAULT_TIME_ZONE);
      const listedOn = listing.listed_on;
      const listedAt = anonymous ? listing.listed_at : null;
      const key = `${listedOn}|${listedAt ?? ""}`;
      const entry = byValue.get(key) ?? { listedOn, listedAt, ids: [] };
      entry.ids.push(l.id);
      byValue.set(key, entry);
      const week = weekStart(listedOn);
      const rollKey = `${l.group_id}|${week}|${l.sender_id}`;
      const row = weeks.get(rollKey) ?? { organisation_id: l.organisation_id, group_id: l.group_id, week, sender_id: l.sender_id, named_loops: 0, anonymous_loops: 0 };
      if (anonymous) row.anonymous_loops++;
      else row.named_loops++;
      weeks.set(rollKey, row);
    }
    for (const { listedOn, listedAt, ids } of byValue.values()) {
      await db
        .updateTable("loops")
        .set(listedAt === null ? { listed_on: listedOn } : { listed_on: listedOn, listed_at: listedAt })
        .where("id", "in", ids)
        .execute();
    }
    after = loops.at(-1)!.id;
  }
  const rows = [...weeks.values()];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insertInto("loop_activity_weeks").values(rows.slice(i, i + INSERT_BATCH)).execute();
  const groupWeeks = groupWeeksOf(rows);
  for (let i = 0; i < groupWeeks.length; i += INSERT_BATCH) await db.insertInto("loop_activity_group_weeks").values(groupWeeks.slice(i, i + INSERT_BATCH)).execute();
  const { members, persons } = bitsOf(rows);
  for (let i = 0; i < members.length; i += INSERT_BATCH) await db.insertInto("loop_activity_member_bits").values(members.slice(i, i + INSERT_BATCH)).execute();
  for (let i = 0; i < persons.length; i += INSERT_BATCH) await db.insertInto("loop_activity_person_bits").values(persons.slice(i, i + INSERT_BATCH)).execute();
  if (dialect === "postgres") await db.schema.alterTable("loops").alterColumn("listed_on", (c) => c.setNotNull()).execute();

  // A loop's tags carry the loop's unchanging facts (group, day, anonymity, task, sender), so the
  // group dashboard counts tags from one index instead of looking up every loop's tags (a join of
  // one index seek per loop was half of the dashboard's time, bench/RESULTS.md). Written with the
  // tags by loops/commands (loopTagRows); a loop never changes these facts.
  for (const column of ["group_id", "listed_on", "sender_id"] as const) {
    await db.schema.alterTable("loop_tags").addColumn(column, "text", (c) => (dialect === "postgres" ? c : c.notNull().defaultTo(""))).execute();
  }
  await db.schema.alterTable("loop_tags").addColumn("task_id", "text").execute();
  await db.schema.alterTable("loop_tags").addColumn("is_anonymous", t.boolean, (c) => c.notNull().defaultTo(t.false)).execute();
  await sql`
    update loop_tags set
      group_id = (select l.group_id from loops l where l.id = loop_tags.loop_id),
      listed_on = (select l.listed_on from loops l where l.id = loop_tags.loop_id),
      sender_id = (select l.sender_id from loops l where l.id = loop_tags.loop_id),
      task_id = (select l.task_id from loops l where l.id = loop_tags.loop_id),
      is_anonymous = (select l.is_anonymous from loops l where l.id = loop_tags.loop_id)`.execute(db);
  if (dialect === "postgres") {
    for (const column of ["group_id", "listed_on", "sender_id"] as const) {
      await db.schema.alterTable("loop_tags").alterColumn(column, (c) => c.setNotNull()).execute();
    }
  }

  // When an answered loop first got its answer: its earliest comment by someone other than the
  // sender (a comment deleted later still answered it then; an author since erased was not the
  // sender, whose loops go with their account). The thread's last comment if none is left.
  await sql`
    update loops set answered_at = coalesce(
      (select min(c.created_at) from comments c
        where c.organisation_id = loops.organisation_id and c.loop_id = loops.id
          and (c.author_id is null or c.author_id <> loops.sender_id)),
      loops.last_comment_at)
    where loops.is_answered = ${t.true}`.execute(db);

  // ---- indexes (from the first commit of this file on, this section belongs to the statistics module) ----
  // The inbox's period filter and the group dashboard: tenant, group, then the day, followed by
  // every column the dashboard's aggregates read, so they never visit the table's rows (with the
  // loops' text in them): on 6,000 loops of one group about 1.5× faster than (tenant, group, day).
  await db.schema
    .createIndex("loops_group_day_idx")
    .on("loops")
    .columns(["organisation_id", "group_id", "listed_on", "is_anonymous", "emoji", "sender_id", "task_id", "comment_count", "is_answered", "approved_at", "created_at", "answered_at"])
    .execute();
  // The group dashboard's tag counts: named per task and tag, anonymous per day, tag and sender.
  // The group comes first: an index starting with the tenant alone would win SQLite's choice for
  // "organisation_id = ? and loop_id in (…)" (the inbox's tags) and scan the whole organisation.
  await db.schema
    .createIndex("loop_tags_day_idx")
    .on("loop_tags")
    .columns(["group_id", "organisation_id", "listed_on", "is_anonymous", "task_id", "tag_id", "sender_id"])
    .execute();
}
