/**
 * The roll-up `loop_activity_weeks` (loops per group, week — the Monday of `listed_on` — and
 * sender, named and anonymous apart) and the three roll-ups derived from it for the organisation
 * dashboard (loops/activity-bits.ts): `loop_activity_group_weeks` (per group and week),
 * `loop_activity_member_bits` and `loop_activity_person_bits` (a person's weeks with a named loop
 * in a group / in the organisation, per block of 50 weeks, as bits).
 *
 * Changed only here, in the same transaction as the loop's own insert or delete, so they always
 * equal the direct count over `loops`. A new loop increments its sender's row and, by what that
 * row returns (its first named or anonymous loop of the week?), its group week: two upserts, the
 * busiest write of the product stays short. A deleted loop decrements its sender's row, then the
 * derived rows it feeds are RECOUNTED from `loop_activity_weeks` (recountActivity: idempotent).
 *
 * A group or an account that goes takes its rows with it (ON DELETE CASCADE), but the derived
 * rows of what remains do not follow by themselves: the person bits of a deleted group's members,
 * the group weeks of an erased account's groups. ANY PATH THAT DELETES LOOPS OR ROLL-UP ROWS
 * OTHER THAN countLoopActivity/uncountLoopActivity (account erasure, group deletion: issue 7) MUST
 * CALL recountActivity in the same transaction, after the deletion, with the narrowest scope it
 * knows (read the scope from loop_activity_weeks before deleting): e.g. for an erased account,
 * per group it sent in, `{ organisationId, groupId, weeks }`; for a deleted group,
 * `{ organisationId, senderIds: its former senders, weeks }`. A wider scope is correct, only slower
 * (without senders, every person of the organisation in the weeks' blocks is recounted).
 */
import { PostgresAdapter } from "kysely";
import { compiledOnce } from "../../../db/compiled.js";
import type { DbOrTx } from "../../../db/index.js";
import type { LoopActivityWeekRow, LoopRow } from "../../../db/types.js";
import { weekStart } from "../../../../shared/days.js";
import { bitsOf, blockOf, blockWeeks } from "../activity-bits.js";

type Counted = Pick<LoopRow, "organisation_id" | "group_id" | "sender_id" | "listed_on" | "is_anonymous">;

// Every send and delete runs these: compiled once (db/compiled.ts).
const increment = compiledOnce(6, (db, organisationId, groupId, week, senderId, named, anonymous) =>
  db
    .insertInto("loop_activity_weeks")
    .values({ organisation_id: organisationId, group_id: groupId, week, sender_id: senderId, named_loops: named, anonymous_loops: anonymous } as unknown as LoopActivityWeekRow)
    .onConflict((oc) =>
      oc.columns(["group_id", "week", "sender_id"]).doUpdateSet((eb) => ({
        named_loops: eb("loop_activity_weeks.named_loops", "+", eb.ref("excluded.named_loops")),
        anonymous_loops: eb("loop_activity_weeks.anonymous_loops", "+", eb.ref("excluded.anonymous_loops")),
      })),
    )
    .returning(["named_loops", "anonymous_loops"]),
);
// A new loop's group week: loops and, when the sender's row just began to count them, senders
// added in one atomic upsert (on PostgreSQL it waits for a concurrent writer of the row, then adds).
const incrementGroupWeek = compiledOnce(7, (db, organisationId, groupId, week, named, anonymous, namedSender, anonymousSender) =>
  db
    .insertInto("loop_activity_group_weeks")
    .values({
      organisation_id: organisationId!,
      group_id: groupId!,
      week: week!,
      named_loops: named as unknown as number,
      anonymous_loops: anonymous as unknown as number,
      named_senders: namedSender as unknown as number,
      anonymous_senders: anonymousSender as unknown as number,
    })
    .onConflict((oc) =>
      oc.columns(["organisation_id", "week", "group_id"]).doUpdateSet((eb) => ({
        named_loops: eb("loop_activity_group_weeks.named_loops", "+", eb.ref("excluded.named_loops")),
        anonymous_loops: eb("loop_activity_group_weeks.anonymous_loops", "+", eb.ref("excluded.anonymous_loops")),
        named_senders: eb("loop_activity_group_weeks.named_senders", "+", eb.ref("excluded.named_senders")),
        anonymous_senders: eb("loop_activity_group_weeks.anonymous_senders", "+", eb.ref("excluded.anonymous_senders")),
      })),
    ),
);
const decrement = compiledOnce(6, (db, named, anonymous, organisationId, groupId, week, senderId) =>
  db
    .updateTable("loop_activity_weeks")
    .set((eb) => ({
      named_loops: eb("named_loops", "-", named as unknown as number),
      anonymous_loops: eb("anonymous_loops", "-", anonymous as unknown as number),
    }))
    .where("organisation_id", "=", organisationId!)
    .where("group_id", "=", groupId!)
    .where("week", "=", week!)
    .where("sender_id", "=", senderId!)
    .returning(["named_loops", "anonymous_loops"]),
);
const deleteWeek = compiledOnce(4, (db, organisationId, groupId, week, senderId) =>
  db
    .deleteFrom("loop_activity_weeks")
    .where("organisation_id", "=", organisationId!)
    .where("group_id", "=", groupId!)
    .where("week", "=", week!)
    .where("sender_id", "=", senderId!),
);

/** Counts a loop that was just inserted. */
export async function countLoopActivity(db: DbOrTx, loop: Counted): Promise<void> {
  const [named, anonymous] = loop.is_anonymous ? [0, 1] : [1, 0];
  const week = weekStart(loop.listed_on);
  const [row] = await increment(db, loop.organisation_id, loop.group_id, week, loop.sender_id, named, anonymous);
  // The sender's row counts this loop: it is their first of its kind this week when the count is 1.
  const first = Number(loop.is_anonymous ? row?.anonymous_loops : row?.named_loops) === 1 ? 1 : 0;
  await incrementGroupWeek(db, loop.organisation_id, loop.group_id, week, named, anonymous, loop.is_anonymous ? 0 : first, loop.is_anonymous ? first : 0);
  // The person's weeks change only with their first named loop of the week in the group.
  if (!loop.is_anonymous && first === 1) await recountPerson(db, loop.organisation_id, loop.sender_id, blockOf(week));
}

/** Uncounts a loop that was just deleted; the row goes when it counts nothing. */
export async function uncountLoopActivity(db: DbOrTx, loop: Counted): Promise<void> {
  const [named, anonymous] = loop.is_anonymous ? [0, 1] : [1, 0];
  const week = weekStart(loop.listed_on);
  const [row] = await decrement(db, named, anonymous, loop.organisation_id, loop.group_id, week, loop.sender_id);
  if (row && Number(row.named_loops) === 0 && Number(row.anonymous_loops) === 0) await deleteWeek(db, loop.organisation_id, loop.group_id, week, loop.sender_id);
  // The person's weeks change only when their last named loop of the week in the group goes.
  const withBits = !loop.is_anonymous && (!row || Number(row.named_loops) === 0);
  await recount(db, { organisationId: loop.organisation_id, groupId: loop.group_id, senderIds: [loop.sender_id], weeks: [week] }, withBits);
}

/**
 * What to recount: an organisation's group weeks and person bits, narrowed to one group, some
 * senders and/or some weeks (Mondays) when given. Group weeks are narrowed by group and weeks
 * (a sender's loops count in their group's week); bits by sender and the weeks' blocks (a group's
 * loops count in its members' organisation-wide bits).
 */
export interface ActivityScope {
  organisationId: string;
  groupId?: string;
  senderIds?: readonly string[];
  weeks?: readonly string[];
}

/**
 * Recounts the derived roll-ups of the scope from `loop_activity_weeks`, deleting rows that count
 * nothing any more. Idempotent. Call it after any deletion of loops or of roll-up rows other than
 * through uncountLoopActivity (see the module comment), in the same transaction.
 */
export async function recountActivity(db: DbOrTx, scope: ActivityScope): Promise<void> {
  await recount(db, scope, true);
}

/** `withBits`: a person's named weeks may have changed. */
async function recount(db: DbOrTx, scope: ActivityScope, withBits: boolean): Promise<void> {
  const org = scope.organisationId;
  const weeks = scope.weeks ? [...new Set(scope.weeks)] : undefined;
  const senders = scope.senderIds ? [...new Set(scope.senderIds)] : undefined;
  if (weeks?.length === 0 || senders?.length === 0) return;
  // ---- group weeks ----
  const groupWeeks: { groupId: string; week: string }[] = [];
  if (scope.groupId !== undefined && weeks) {
    for (const week of weeks) groupWeeks.push({ groupId: scope.groupId, week });
  } else {
    // Those that exist, and those that should.
    const seen = new Set<string>();
    for (const table of ["loop_activity_group_weeks", "loop_activity_weeks"] as const) {
      let q = db.selectFrom(table).select(["group_id", "week"]).distinct().where("organisation_id", "=", org);
      if (scope.groupId !== undefined) q = q.where("group_id", "=", scope.groupId);
      if (weeks) q = q.where("week", "in", weeks);
      for (const r of await q.execute()) {
        if (seen.has(`${r.group_id}|${r.week}`)) continue;
        seen.add(`${r.group_id}|${r.week}`);
        groupWeeks.push({ groupId: r.group_id, week: r.week });
      }
    }
  }
  for (const { groupId, week } of groupWeeks) await recountGroupWeek(db, org, groupId, week);
  if (!withBits) return;
  // ---- bits, per person and block ----
  const blocks = weeks ? [...new Set(weeks.map(blockOf))] : undefined;
  const persons: { senderId: string; block: number }[] = [];
  if (senders && blocks) {
    for (const senderId of senders) for (const block of blocks) persons.push({ senderId, block });
  } else {
    const seen = new Set<string>();
    const found = (senderId: string, block: number) => {
      if (seen.has(`${senderId}|${block}`)) return;
      seen.add(`${senderId}|${block}`);
      persons.push({ senderId, block });
    };
    for (const table of ["loop_activity_person_bits", "loop_activity_member_bits"] as const) {
      let q = db.selectFrom(table).select(["sender_id", "block"]).distinct().where("organisation_id", "=", org);
      if (senders) q = q.where("sender_id", "in", senders);
      if (blocks) q = q.where("block", "in", blocks);
      for (const r of await q.execute()) found(r.sender_id, Number(r.block));
    }
    let q = db.selectFrom("loop_activity_weeks").select(["sender_id", "week"]).distinct().where("organisation_id", "=", org).where("named_loops", ">", 0);
    if (senders) q = q.where("sender_id", "in", senders);
    if (blocks) q = q.where((eb) => eb.or(blocks.map((b) => eb.between("week", blockWeeks(b).from, blockWeeks(b).to))));
    for (const r of await q.execute()) if (!blocks || blocks.includes(blockOf(r.week))) found(r.sender_id, blockOf(r.week));
  }
  for (const { senderId, block } of persons) await recountPerson(db, org, senderId, block);
}

// Gone when no sender's row of the group and week is left.
const deleteEmptyGroupWeek = compiledOnce(3, (db, org, group, week) =>
  db
    .deleteFrom("loop_activity_group_weeks")
    .where("organisation_id", "=", org!)
    .where("group_id", "=", group!)
    .where("week", "=", week!)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("loop_activity_weeks as a")
            .select("a.sender_id")
            .whereRef("a.organisation_id", "=", "loop_activity_group_weeks.organisation_id")
            .whereRef("a.group_id", "=", "loop_activity_group_weeks.group_id")
            .whereRef("a.week", "=", "loop_activity_group_weeks.week"),
        ),
      ),
    ),
);
const upsertGroupWeek = compiledOnce(3, (db, org, group, week) =>
  db
    .insertInto("loop_activity_group_weeks")
    .columns(["organisation_id", "group_id", "week", "named_loops", "anonymous_loops", "named_senders", "anonymous_senders"])
    .expression(
      db
        .selectFrom("loop_activity_weeks")
        .where("organisation_id", "=", org!)
        .where("group_id", "=", group!)
        .where("week", "=", week!)
        .select((eb) => [
          "organisation_id",
          "group_id",
          "week",
          eb.fn.sum<number>("named_loops").as("named_loops"),
          eb.fn.sum<number>("anonymous_loops").as("anonymous_loops"),
          eb.fn.count<number>(eb.case().when("named_loops", ">", eb.lit(0)).then(eb.lit(1)).end()).as("named_senders"),
          eb.fn.count<number>(eb.case().when("anonymous_loops", ">", eb.lit(0)).then(eb.lit(1)).end()).as("anonymous_senders"),
        ])
        .groupBy(["organisation_id", "group_id", "week"]),
    )
    .onConflict((oc) =>
      oc.columns(["organisation_id", "week", "group_id"]).doUpdateSet((eb) => ({
        named_loops: eb.ref("excluded.named_loops"),
        anonymous_loops: eb.ref("excluded.anonymous_loops"),
        named_senders: eb.ref("excluded.named_senders"),
        anonymous_senders: eb.ref("excluded.anonymous_senders"),
      })),
    ),
);

/**
 * Recounting reads rows that concurrent transactions change: on PostgreSQL (read committed) two
 * sends in one group and week would each miss the other's row, and the later write would win. So
 * the derived row is locked first (written unchanged, or as zeros that the recount replaces or
 * removes): the second transaction waits, and its recount, a later statement, sees the first's
 * commit. SQLite runs one writing transaction at a time.
 */
const rowLocks = (db: DbOrTx) => db.getExecutor().adapter instanceof PostgresAdapter;
const lockGroupWeek = compiledOnce(3, (db, org, group, week) =>
  db
    .insertInto("loop_activity_group_weeks")
    .values({ organisation_id: org!, group_id: group!, week: week!, named_loops: 0, anonymous_loops: 0, named_senders: 0, anonymous_senders: 0 })
    .onConflict((oc) => oc.columns(["organisation_id", "week", "group_id"]).doUpdateSet((eb) => ({ named_loops: eb.ref("loop_activity_group_weeks.named_loops") }))),
);
const lockPersonBits = compiledOnce(3, (db, org, sender, block) =>
  db
    .insertInto("loop_activity_person_bits")
    .values({ organisation_id: org!, sender_id: sender!, block: block as unknown as number, weeks: 0 })
    .onConflict((oc) => oc.columns(["organisation_id", "block", "sender_id"]).doUpdateSet((eb) => ({ weeks: eb.ref("loop_activity_person_bits.weeks") }))),
);

/**
 * A group's week, recounted from its senders' rows (none when no loop is left). A concurrent new
 * loop either committed before the recount read (and is in it) or adds itself after (its upsert
 * waits for this row's lock, or re-inserts a row deleted here).
 */
async function recountGroupWeek(db: DbOrTx, org: string, groupId: string, week: string): Promise<void> {
  if (rowLocks(db)) await lockGroupWeek(db, org, groupId, week);
  await upsertGroupWeek(db, org, groupId, week);
  await deleteEmptyGroupWeek(db, org, groupId, week);
}

const personWeeks = compiledOnce(4, (db, org, sender, from, to) =>
  db
    .selectFrom("loop_activity_weeks")
    .select(["group_id", "week", "named_loops"])
    .where("organisation_id", "=", org!)
    .where("sender_id", "=", sender!)
    .where("week", ">=", from!)
    .where("week", "<=", to!)
    .where("named_loops", ">", 0),
);
const deleteMemberBits = compiledOnce(3, (db, org, sender, block) =>
  db
    .deleteFrom("loop_activity_member_bits")
    .where("organisation_id", "=", org!)
    .where("sender_id", "=", sender!)
    .where("block", "=", block as unknown as number),
);
const insertMemberBits = compiledOnce(5, (db, org, group, sender, block, weeks) =>
  db
    .insertInto("loop_activity_member_bits")
    .values({ organisation_id: org!, group_id: group!, sender_id: sender!, block: block as unknown as number, weeks: weeks as unknown as number }),
);
const deletePersonBits = compiledOnce(3, (db, org, sender, block) =>
  db
    .deleteFrom("loop_activity_person_bits")
    .where("organisation_id", "=", org!)
    .where("sender_id", "=", sender!)
    .where("block", "=", block as unknown as number),
);
const upsertPersonBits = compiledOnce(4, (db, org, sender, block, weeks) =>
  db
    .insertInto("loop_activity_person_bits")
    .values({ organisation_id: org!, sender_id: sender!, block: block as unknown as number, weeks: weeks as unknown as number })
    .onConflict((oc) => oc.columns(["organisation_id", "block", "sender_id"]).doUpdateSet((eb) => ({ weeks: eb.ref("excluded.weeks") }))),
);

/** A person's bits of one block, in each group and in the organisation, recounted from their rows. */
async function recountPerson(db: DbOrTx, org: string, senderId: string, block: number): Promise<void> {
  const { from, to } = blockWeeks(block);
  // The person's row also serialises their member rows' recounts (see rowLocks).
  if (rowLocks(db)) await lockPersonBits(db, org, senderId, block);
  const rows = await personWeeks(db, org, senderId, from, to);
  const { members, persons } = bitsOf(rows.map((r) => ({ organisation_id: org, group_id: r.group_id, week: r.week, sender_id: senderId, named_loops: Number(r.named_loops) })));
  await deleteMemberBits(db, org, senderId, block);
  for (const m of members) await insertMemberBits(db, org, m.group_id, senderId, block, m.weeks);
  const person = persons[0];
  if (person) await upsertPersonBits(db, org, senderId, block, person.weeks);
  else await deletePersonBits(db, org, senderId, block);
}
