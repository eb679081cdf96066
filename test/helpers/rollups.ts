/** The statistics roll-ups against a direct recount (loops/rollup.test.ts's rule), for tests of paths that delete loops. */
import { expect } from "vitest";
import { recountActivity } from "../../src/server/modules/loops/commands/activity.js";
import { weekStart } from "../../src/shared/days.js";
import type { TestApp } from "./test-app.js";

/** The per-sender weeks equal a count over `loops`; the derived roll-ups equal a full recount of them. */
export async function expectRollupsExact(t: TestApp, orgId: string): Promise<void> {
  const db = t.db.handle.db;
  const loops = await db.selectFrom("loops").select(["group_id", "sender_id", "listed_on", "is_anonymous"]).where("organisation_id", "=", orgId).execute();
  const direct: Record<string, [number, number]> = {};
  for (const l of loops) {
    const row = (direct[`${l.group_id}|${weekStart(l.listed_on)}|${l.sender_id}`] ??= [0, 0]);
    row[l.is_anonymous ? 1 : 0]++;
  }
  const weeks = await db.selectFrom("loop_activity_weeks").selectAll().where("organisation_id", "=", orgId).execute();
  expect(Object.fromEntries(weeks.map((r) => [`${r.group_id}|${r.week}|${r.sender_id}`, [Number(r.named_loops), Number(r.anonymous_loops)]]))).toEqual(direct);
  const derived = async () => ({
    groupWeeks: (await db.selectFrom("loop_activity_group_weeks").selectAll().where("organisation_id", "=", orgId).orderBy("group_id").orderBy("week").execute()).map((r) => ({
      ...r,
      named_loops: Number(r.named_loops),
      anonymous_loops: Number(r.anonymous_loops),
      named_senders: Number(r.named_senders),
      anonymous_senders: Number(r.anonymous_senders),
    })),
    members: (await db.selectFrom("loop_activity_member_bits").selectAll().where("organisation_id", "=", orgId).orderBy("group_id").orderBy("sender_id").orderBy("block").execute()).map((r) => ({ ...r, weeks: String(r.weeks) })),
    persons: (await db.selectFrom("loop_activity_person_bits").selectAll().where("organisation_id", "=", orgId).orderBy("sender_id").orderBy("block").execute()).map((r) => ({ ...r, weeks: String(r.weeks) })),
  });
  const stored = await derived();
  await db.transaction().execute((tx) => recountActivity(tx, { organisationId: orgId }));
  expect(await derived()).toEqual(stored);
}
