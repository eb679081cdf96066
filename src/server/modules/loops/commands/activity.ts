/**
 * The roll-up `loop_activity_weeks`: loops per group, week (the Monday of `listed_on`) and sender,
 * named and anonymous apart, for the organisation dashboard. Changed only here, in the same
 * transaction as the loop's own insert or delete, so it always equals the direct count over
 * `loops`; a group or an account that goes takes its rows with it (ON DELETE CASCADE), as it
 * takes its loops.
 */
import { compiledOnce } from "../../../db/compiled.js";
import type { DbOrTx } from "../../../db/index.js";
import type { LoopActivityWeekRow, LoopRow } from "../../../db/types.js";
import { weekStart } from "../../../../shared/days.js";

type Counted = Pick<LoopRow, "organisation_id" | "group_id" | "sender_id" | "listed_on" | "is_anonymous">;

// Every send runs it: compiled once (db/compiled.ts).
const increment = compiledOnce(6, (db, organisationId, groupId, week, senderId, named, anonymous) =>
  db
    .insertInto("loop_activity_weeks")
    .values({ organisation_id: organisationId, group_id: groupId, week, sender_id: senderId, named_loops: named, anonymous_loops: anonymous } as unknown as LoopActivityWeekRow)
    .onConflict((oc) =>
      oc.columns(["group_id", "week", "sender_id"]).doUpdateSet((eb) => ({
        named_loops: eb("loop_activity_weeks.named_loops", "+", eb.ref("excluded.named_loops")),
        anonymous_loops: eb("loop_activity_weeks.anonymous_loops", "+", eb.ref("excluded.anonymous_loops")),
      })),
    ),
);

/** Counts a loop that was just inserted. */
export async function countLoopActivity(db: DbOrTx, loop: Counted): Promise<void> {
  const [named, anonymous] = loop.is_anonymous ? [0, 1] : [1, 0];
  await increment(db, loop.organisation_id, loop.group_id, weekStart(loop.listed_on), loop.sender_id, named, anonymous);
}

/** Uncounts a loop that was just deleted; the row goes when it counts nothing. */
export async function uncountLoopActivity(db: DbOrTx, loop: Counted): Promise<void> {
  const column = loop.is_anonymous ? "anonymous_loops" : "named_loops";
  const week = weekStart(loop.listed_on);
  await db
    .updateTable("loop_activity_weeks")
    .set((eb) => ({ [column]: eb(column, "-", 1) }))
    .where("organisation_id", "=", loop.organisation_id)
    .where("group_id", "=", loop.group_id)
    .where("week", "=", week)
    .where("sender_id", "=", loop.sender_id)
    .execute();
  await db
    .deleteFrom("loop_activity_weeks")
    .where("organisation_id", "=", loop.organisation_id)
    .where("group_id", "=", loop.group_id)
    .where("week", "=", week)
    .where("sender_id", "=", loop.sender_id)
    .where("named_loops", "=", 0)
    .where("anonymous_loops", "=", 0)
    .execute();
}
