/**
 * The scheduled jobs run by a second runner at the same moment (another process, or the timer
 * and an operator's run) do their work once: one digest per person, one survey announcement.
 * The queue keeps one process's runs apart; these call the handlers directly, side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDigests, digestInstant } from "../src/server/modules/notifications/jobs.js";
import { announceDueSurveys } from "../src/server/modules/surveys/commands.js";
import { recipients } from "./helpers/smtp.js";
import { sendLoop, setupClass } from "./helpers/loops.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";
import { expectStatus } from "./helpers/world.js";

let t: TestApp;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const settle = async () => {
  await t.app.ctx.jobs.idle();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe("scheduled jobs under a second concurrent run", () => {
  it("two digest runs at once send each person one digest with all their items", async () => {
    const c = await setupClass(t, { students: 3, orgName: "Raceskolan" });
    for (const s of c.students) await sendLoop(s, c.groupId);
    const instant = digestInstant(t.clock(), "Europe/Stockholm");
    t.clock.advance(Math.max(0, instant.getTime() - t.clock().getTime()) + MINUTE);
    await settle();
    const since = t.smtp.messages.length;
    await Promise.all([sendDigests(t.app.ctx), sendDigests(t.app.ctx), sendDigests(t.app.ctx)]);
    await settle();
    const toTeacher = t.smtp.messages.slice(since).filter((m) => recipients(m).includes(c.teacher.email));
    expect(toTeacher).toHaveLength(1);
    expect(toTeacher[0]!.subject).toContain("3 new notifications");
  });

  it("two announcement runs at once tell each member of a survey's opening once", async () => {
    const c = await setupClass(t, { students: 3, orgName: "Enkätskolan" });
    const opensAt = new Date(t.clock().getTime() + 10 * MINUTE).toISOString();
    const survey = expectStatus(
      await c.teacher.client.post(`/api/v1/groups/${c.groupId}/surveys`, { title: "Soon", opensAt, questions: [{ kind: "scale", prompt: "How?" }] }),
      201,
    ).survey;
    t.clock.advance(11 * MINUTE);
    const told = await Promise.all([announceDueSurveys(t.app.ctx), announceDueSurveys(t.app.ctx), announceDueSurveys(t.app.ctx)]);
    expect(told.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = await t.db.handle.db.selectFrom("notifications").select("user_id").where("survey_id", "=", survey.id).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(c.students.map((s) => s.id).sort());
  });
});
