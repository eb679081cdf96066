/**
 * Safeguarding and retention: a loop under a flag that is not closed is kept by the retention
 * purge — the school may have to hand its content on while the report is under way — and goes
 * with the group's period once the flag is closed. The flag's record stays either way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { expectStatus, makeGroupCreator, register, type Person } from "../../../../test/helpers/world.js";
import { sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import type { RetentionQueue } from "../../../shared/schemas/retention.js";
import type { SafeguardingFlag, SafeguardingFlagDetail } from "../../../shared/schemas/safeguarding.js";
import { purgeGroup } from "../retention/purge.js";

let t: TestApp;
let c: Class;
let counsellor: Person;
const api = (rest: string) => `/api/v1${rest}`;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 1, withAdmin: true });
  counsellor = await register(t, "Kurt Counsellor");
  await makeGroupCreator(c.admin!, c.orgId, counsellor);
  expectStatus(await c.admin!.client.post(api(`/organisations/${c.orgId}/safeguarding-contacts`), { userId: counsellor.id }), 200);
});
afterAll(async () => t.close());

const loopExists = async (id: string) => (await t.db.handle.db.selectFrom("loops").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
const group = () => t.db.handle.db.selectFrom("groups").selectAll().where("id", "=", c.groupId).executeTakeFirstOrThrow();
const step = (flagId: string, status: string) => counsellor.client.post(api(`/safeguarding-flags/${flagId}/steps`), { status, note: `Status: ${status}` });

describe("safeguarding and the retention purge", () => {
  it("should keep a flagged loop past the group's period while its flag is open or forwarded, and let it go once the flag is closed", async () => {
    const [student] = c.students as [Person];
    const flagged = await sendLoop(student, c.groupId, { text: "Something happened at home." });
    const ordinary = await sendLoop(student, c.groupId, { text: "An ordinary week." });
    const made = expectStatus<{ flag: SafeguardingFlag }>(await c.teacher.client.post(api(`/loops/${flagged.id}/safeguarding-flags`), { reason: "abuse", note: "Must be reported." }), 201).flag;

    // Four months on, both are past the default period of three months; the queue names only the ordinary loop.
    const later = new Date(t.clock().getTime() + 120 * DAY_MS);
    t.clock.advance(100 * DAY_MS);
    // (Sessions would have ended meanwhile: sign the leader in again for the queue.)
    expectStatus(await c.teacher.client.signIn(c.teacher.email), 200);
    const queue = expectStatus<RetentionQueue>(await c.teacher.client.get(api(`/groups/${c.groupId}/retention/queue`)), 200);
    expect(queue.loops.count).toBe(1);
    expect(queue.loops.oldest.map((l) => l.id)).toEqual([ordinary.id]);

    await purgeGroup(t.app.ctx, await group(), later, "2027-01-01");
    expect(await loopExists(flagged.id)).toBe(true);
    expect(await loopExists(ordinary.id)).toBe(false);

    expectStatus(await counsellor.client.signIn(counsellor.email), 200);
    expectStatus(await step(made.id, "forwarded_social_services"), 201);
    await purgeGroup(t.app.ctx, await group(), new Date(later.getTime() + DAY_MS), "2027-01-02");
    expect(await loopExists(flagged.id)).toBe(true);
    // The contact still opens it with its text while the report is under way.
    const open = expectStatus<SafeguardingFlagDetail>(await counsellor.client.get(api(`/safeguarding-flags/${made.id}`)), 200);
    expect(open.loop?.text).toBe("Something happened at home.");

    t.clock.advance(60_000);
    expectStatus(await step(made.id, "closed"), 201);
    await purgeGroup(t.app.ctx, await group(), new Date(later.getTime() + 2 * DAY_MS), "2027-01-03");
    expect(await loopExists(flagged.id)).toBe(false);
    const closed = expectStatus<SafeguardingFlagDetail>(await counsellor.client.get(api(`/safeguarding-flags/${made.id}`)), 200);
    expect(closed).toMatchObject({ loop: null, flag: { status: "closed", loopId: null } });
    expect(closed.history.map((h) => h.status)).toEqual(["forwarded_social_services", "closed"]);
  });
});
