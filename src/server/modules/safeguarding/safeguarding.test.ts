/**
 * Safeguarding (issue 7): the policy's "If the free text you enter in a loop contains information
 * that your teacher is required to report to others … the rules and practices applied at the
 * school/your organization are to report this further." A leader flags the loop, the
 * organisation's safeguarding contacts are told and open it (an anonymous loop still without its
 * sender), record what was done, and every step is audited. The flag is seen by no one else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, enableLeaderCode, expectLikeMissing, expectStatus, groupCodes, join, makeGroupCreator, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, multipartLoop, pngBytes, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { recipients } from "../../../../test/helpers/smtp.js";
import type { LoopSafeguarding, SafeguardingContacts, SafeguardingFlag, SafeguardingFlagDetail, SafeguardingFlagHistory, SafeguardingFlagPage } from "../../../shared/schemas/safeguarding.js";
import type { FeedPage } from "../../../shared/schemas/notifications.js";
import { forgetSafeguardingPerson } from "./personal-data.js";

let t: TestApp;
/** Solskolan: an administrator outside 7B; 7B: the teacher (owner), a co-leader, a tutor and two students. */
let c: Class;
let s1: Person;
let s2: Person;
let coLeader: Person;
let tutor: Person;
/** Solskolan's school counsellor: a member of the organisation, in none of its groups; made a contact below. */
let counsellor: Person;
let foreign: Class;

const api = (rest: string) => `/api/v1${rest}`;
const contactsUrl = () => api(`/organisations/${c.orgId}/safeguarding-contacts`);
const NOTE = "Wrote about being hit at home; must go to the social services today.";

const addContact = (admin: Person, orgId: string, userId: string) => admin.client.post(api(`/organisations/${orgId}/safeguarding-contacts`), { userId });
const flag = (p: Person, loopId: string, body: object = { reason: "abuse", note: NOTE }) => p.client.post(api(`/loops/${loopId}/safeguarding-flags`), body);
async function newFlag(p: Person, loopId: string): Promise<SafeguardingFlag> {
  t.clock.advance(1_000);
  return expectStatus<{ flag: SafeguardingFlag }>(await flag(p, loopId), 201).flag;
}
const detail = async (p: Person, flagId: string) => expectStatus<SafeguardingFlagDetail>(await p.client.get(api(`/safeguarding-flags/${flagId}`)), 200);
const onLoop = async (p: Person, loopId: string) => expectStatus<LoopSafeguarding>(await p.client.get(api(`/loops/${loopId}/safeguarding-flags`)), 200);
const feed = async (p: Person) => expectStatus<FeedPage>(await p.client.get(api("/feed?limit=50")), 200).items;
const flagRows = async () => Number((await t.db.handle.db.selectFrom("safeguarding_flags").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow()).n);
const fieldsOf = (res: { statusCode: number; json: () => { error: { fields?: Record<string, string> } } }) => {
  expect(res.statusCode).toBe(400);
  return res.json().error.fields;
};
/** Nothing of the person — id, name or e-mail — anywhere in the text. */
function expectNoTraceOf(p: Person, text: string) {
  expect(text).not.toContain(p.id);
  expect(text).not.toContain(p.name);
  expect(text.toLowerCase()).not.toContain(p.email.toLowerCase());
}
async function settle() {
  await t.app.ctx.jobs.idle();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const mailsTo = (p: Person, since: number) => t.smtp.messages.slice(since).filter((m) => recipients(m).includes(p.email.toLowerCase()));
const mailText = (m: (typeof t.smtp.messages)[number]) => [m.subject ?? "", m.text ?? "", typeof m.html === "string" ? m.html : ""].join("\n");

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 2, withAdmin: true });
  [s1, s2] = c.students as [Person, Person];
  coLeader = await register(t, "Cora Colleague");
  await join(coLeader, await enableLeaderCode(c.teacher, c.groupId));
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  counsellor = await register(t, "Kurt Counsellor");
  await makeGroupCreator(c.admin!, c.orgId, counsellor);
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
});
afterAll(async () => t.close());

describe("safeguarding", () => {
  it("should require authentication", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const visitor = t.client();
    const calls = [
      visitor.get(contactsUrl()),
      visitor.post(contactsUrl(), { userId: counsellor.id }),
      visitor.delete(`${contactsUrl()}/${counsellor.id}`),
      visitor.get(api(`/loops/${loop.id}/safeguarding-flags`)),
      visitor.post(api(`/loops/${loop.id}/safeguarding-flags`), { reason: "abuse", note: NOTE }),
      visitor.get(api(`/organisations/${c.orgId}/safeguarding-flags`)),
      visitor.get(api(`/safeguarding-flags/${MISSING_ID}`)),
      visitor.post(api(`/safeguarding-flags/${MISSING_ID}/steps`), { status: "closed", note: "Done" }),
      visitor.get(api(`/safeguarding-flags/${MISSING_ID}/attachments/${MISSING_ID}`)),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  it("should refuse a flag with 409 and store nothing while the organisation has no safeguarding contacts", async () => {
    const loop = await sendLoop(foreign.students[0]!, foreign.groupId);
    const before = await flagRows();
    const on = await onLoop(foreign.teacher, loop.id);
    expect(on).toEqual({ flags: [], abilities: { flag: true }, contactsDesignated: false });
    const res = await flag(foreign.teacher, loop.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/no safeguarding contacts/);
    expect(await flagRows()).toBe(before);
  });

  it("should let administrators designate members as safeguarding contacts, audited, and members see who they are", async () => {
    const admin = c.admin!;
    const added = expectStatus<SafeguardingContacts>(await addContact(admin, c.orgId, counsellor.id), 200);
    expect(added.contacts.map((x) => x.person.name)).toEqual(["Kurt Counsellor"]);
    expect(added.abilities.manage).toBe(true);
    // Designating again changes nothing (and is not audited twice).
    expectStatus(await addContact(admin, c.orgId, counsellor.id), 200);
    // A leader who flags sees where it goes; they may not change it.
    const seen = expectStatus<SafeguardingContacts>(await c.teacher.client.get(contactsUrl()), 200);
    expect(seen).toMatchObject({ isContact: false, abilities: { manage: false } });
    expect(seen.contacts.map((x) => x.person.id)).toEqual([counsellor.id]);
    expect(expectStatus<SafeguardingContacts>(await counsellor.client.get(contactsUrl()), 200).isContact).toBe(true);
    expect((await addContact(c.teacher, c.orgId, coLeader.id)).statusCode).toBe(403);
    expect((await c.teacher.client.delete(`${contactsUrl()}/${counsellor.id}`)).statusCode).toBe(403);
    // Only members: someone outside Solskolan, or no valid id, is a 400 naming the field.
    const outsider = await register(t, "Otto Outsider");
    expect(fieldsOf(await addContact(admin, c.orgId, outsider.id))).toEqual({ userId: "invalid" });
    expect(fieldsOf(await addContact(admin, c.orgId, "not-an-id"))).toHaveProperty("userId");
    expect(fieldsOf(await admin.client.post(contactsUrl(), {}))).toHaveProperty("userId");
    // Another organisation's administrator meets Solskolan's contacts as a missing organisation.
    await expectLikeMissing(foreign.teacher.client, "GET", contactsUrl(), api(`/organisations/${MISSING_ID}/safeguarding-contacts`));
    await expectLikeMissing(foreign.teacher.client, "POST", contactsUrl(), api(`/organisations/${MISSING_ID}/safeguarding-contacts`), { userId: counsellor.id });
    // Ending a designation that does not exist is a 404; a real one is audited.
    expect((await admin.client.delete(`${contactsUrl()}/${outsider.id}`)).statusCode).toBe(404);
    t.clock.advance(1_000);
    expectStatus(await addContact(admin, c.orgId, coLeader.id), 200);
    t.clock.advance(1_000);
    expect((await admin.client.delete(`${contactsUrl()}/${coLeader.id}`)).statusCode).toBe(204);
    const audit = await auditLog(admin, c.orgId, { action: "safeguarding.contact" });
    expect(audit.map((a) => [a.action, a.subjectId, a.actor?.id])).toEqual([
      ["safeguarding.contact_removed", coLeader.id, admin.id],
      ["safeguarding.contact_added", coLeader.id, admin.id],
      ["safeguarding.contact_added", counsellor.id, admin.id],
    ]);
  });

  it("should let the loop's leaders and tutors flag it, but not its sender, other members or administrators outside the group", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "Something happened." });
    expect((await onLoop(s1, loop.id)).abilities.flag).toBe(false);
    expect((await onLoop(tutor, loop.id)).abilities.flag).toBe(true);
    expect((await flag(s1, loop.id)).statusCode).toBe(403);
    await expectLikeMissing(c.admin!.client, "POST", api(`/loops/${loop.id}/safeguarding-flags`), api(`/loops/${MISSING_ID}/safeguarding-flags`), { reason: "abuse", note: NOTE });
    await expectLikeMissing(s2.client, "GET", api(`/loops/${loop.id}/safeguarding-flags`), api(`/loops/${MISSING_ID}/safeguarding-flags`));
    await expectLikeMissing(foreign.teacher.client, "POST", api(`/loops/${loop.id}/safeguarding-flags`), api(`/loops/${MISSING_ID}/safeguarding-flags`), { reason: "abuse", note: NOTE });
    expect(await newFlag(tutor, loop.id)).toMatchObject({ reason: "abuse", note: NOTE, status: "open", mine: true, loopId: loop.id, groupName: "7B", flaggedBy: { id: tutor.id } });
    expect(await newFlag(c.teacher, loop.id)).toMatchObject({ mine: true, abilities: { recordStep: false } });
  });

  it("should refuse a flag without a valid reason or note with 400 naming the field, storing nothing", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const before = await flagRows();
    expect(fieldsOf(await flag(c.teacher, loop.id, { note: NOTE }))).toHaveProperty("reason");
    expect(fieldsOf(await flag(c.teacher, loop.id, { reason: "gossip", note: NOTE }))).toHaveProperty("reason");
    expect(fieldsOf(await flag(c.teacher, loop.id, { reason: "risk", note: "   " }))).toHaveProperty("note");
    expect(fieldsOf(await flag(c.teacher, loop.id, { reason: "risk", note: "x".repeat(4_001) }))).toHaveProperty("note");
    expect(fieldsOf(await flag(c.teacher, loop.id, { reason: "risk" }))).toHaveProperty("note");
    expect(await flagRows()).toBe(before);
  });

  it("should tell the contacts at once in the feed and by e-mail, without the loop's text or an anonymous sender, and no one else", async () => {
    await settle();
    const since = t.smtp.messages.length;
    const loop = await sendLoop(s2, c.groupId, { text: "PRIVATE-TEXT about home", anonymous: true });
    const before = { coLeader: (await feed(coLeader)).length, admin: (await feed(c.admin!)).length, s2: (await feed(s2)).length };
    const made = await newFlag(c.teacher, loop.id);
    await settle();
    const [item] = (await feed(counsellor)).filter((i) => i.kind === "safeguarding_flagged");
    expect(item).toMatchObject({ kind: "safeguarding_flagged", actor: { id: c.teacher.id }, groupName: "7B", title: null, link: `/organisations/${c.orgId}/safeguarding` });
    const feedJson = JSON.stringify(await feed(counsellor));
    expect(feedJson).not.toContain("PRIVATE-TEXT");
    expectNoTraceOf(s2, feedJson);
    // Immediately: the e-mail is out without waiting for a digest; it names neither the text nor the sender.
    const mails = mailsTo(counsellor, since);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("may need reporting");
    expect(mailText(mails[0]!)).not.toContain("PRIVATE-TEXT");
    expectNoTraceOf(s2, mailText(mails[0]!));
    // Other leaders, the administrator and the sender are told nothing.
    expect({ coLeader: (await feed(coLeader)).length, admin: (await feed(c.admin!)).length, s2: (await feed(s2)).length }).toEqual(before);
    expect(mailsTo(coLeader, since).concat(mailsTo(c.admin!, since), mailsTo(s2, since))).toEqual([]);
    expect(made.loopId).toBe(loop.id);
  });

  it("should let a contact outside the group open the flagged loop with its thread and files, an anonymous one without its sender", async () => {
    const png = await pngBytes();
    const form = multipartLoop({ emoji: 1, text: "PRIVATE-TEXT: I am scared to go home", anonymous: true }, [{ name: "drawing.png", type: "image/png", data: png }]);
    const loop = expectStatus<{ loop: { id: string; attachments: { id: string }[] } }>(await s2.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    expectStatus(await s2.client.post(api(`/loops/${loop.id}/comments`), { text: "Please do not tell anyone" }), 201);
    t.clock.advance(60_000);
    expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "Thank you for telling me." }), 201);
    const made = await newFlag(c.teacher, loop.id);
    // The counsellor is in none of Solskolan's groups: the loop itself is not theirs to open…
    expect((await counsellor.client.get(api(`/loops/${loop.id}`))).statusCode).toBe(404);
    // …but through the flag it is.
    const seen = await detail(counsellor, made.id);
    expect(seen.loop).toMatchObject({ id: loop.id, text: "PRIVATE-TEXT: I am scared to go home", anonymous: true, sender: null, mine: false });
    expect(seen.loop!.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(seen.thread!.comments.map((x) => [x.authorRole, x.author?.name ?? null, x.text])).toEqual([
      ["anonymous", null, "Please do not tell anyone"],
      ["leader", "Teacher Berg", "Thank you for telling me."],
    ]);
    expect(seen.flag).toMatchObject({ status: "open", mine: false, abilities: { recordStep: true }, flaggedBy: { name: "Teacher Berg" } });
    const file = seen.loop!.attachments[0]!;
    expect(file.url).toBe(`/api/v1/safeguarding-flags/${made.id}/attachments/${file.id}`);
    const download = await counsellor.client.get(file.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/^attachment/);
    const opened = (await auditLog(c.admin!, c.orgId, { action: "safeguarding.attachment" })).filter((a) => a.subjectId === made.id);
    expect(opened.map((a) => a.actor?.id)).toEqual([counsellor.id]);
    // Through the loop's own address the file stays out of reach for the counsellor.
    expect((await counsellor.client.get(api(`/loops/${loop.id}/attachments/${file.id}`))).statusCode).toBe(404);
    // No response of safeguarding carries the anonymous sender's id, name or e-mail.
    const responses = [
      JSON.stringify(seen),
      (await counsellor.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`))).body,
      (await c.teacher.client.get(api(`/loops/${loop.id}/safeguarding-flags`))).body,
      (await c.teacher.client.get(api(`/safeguarding-flags/${made.id}`))).body,
      (await counsellor.client.post(api(`/safeguarding-flags/${made.id}/steps`), { status: "forwarded_social_services", note: "Reported by phone." })).body,
    ];
    for (const body of responses) expectNoTraceOf(s2, body);
    // The sender is refused like anyone else; the audit row of the refusal does not tie them to the flag.
    expect((await s2.client.get(api(`/safeguarding-flags/${made.id}`))).statusCode).toBe(404);
    const refused = (await auditLog(c.admin!, c.orgId, { action: "safeguarding" })).filter((a) => a.outcome === "denied" && a.actor?.id === s2.id);
    expect(refused.map((a) => a.subjectId)).toEqual([null]);
    // The flagging leader reads the loop too, as a leader of its group may.
    expect((await detail(c.teacher, made.id)).loop).toMatchObject({ id: loop.id, sender: null });
  });

  it("should show a flag and its history only to the flagging leader and the contacts: everyone else gets 404 like a missing flag", async () => {
    const png = await pngBytes();
    const form = multipartLoop({ emoji: 2, text: "Named loop" }, [{ name: "photo.png", type: "image/png", data: png }]);
    const loop = expectStatus<{ loop: { id: string; attachments: { id: string }[] } }>(await s1.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    const made = await newFlag(c.teacher, loop.id);
    const attachment = loop.attachments[0]!.id;
    for (const outsider of [coLeader, tutor, s1, s2, c.admin!, foreign.teacher]) {
      await expectLikeMissing(outsider.client, "GET", api(`/safeguarding-flags/${made.id}`), api(`/safeguarding-flags/${MISSING_ID}`));
      await expectLikeMissing(
        outsider.client,
        "POST",
        api(`/safeguarding-flags/${made.id}/steps`),
        api(`/safeguarding-flags/${MISSING_ID}/steps`),
        { status: "closed", note: "Nothing to see" },
      );
      await expectLikeMissing(outsider.client, "GET", api(`/safeguarding-flags/${made.id}/attachments/${attachment}`), api(`/safeguarding-flags/${MISSING_ID}/attachments/${attachment}`));
    }
    // The loop itself shows them nothing of the flag.
    for (const reader of [coLeader, tutor, s1]) {
      expect((await onLoop(reader, loop.id)).flags).toEqual([]);
      expect((await reader.client.get(api(`/loops/${loop.id}`))).body).not.toContain(made.id);
    }
    for (const member of [coLeader, s1, c.admin!]) {
      expect(expectStatus<SafeguardingFlagPage>(await member.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`)), 200).flags.map((f) => f.id)).not.toContain(made.id);
    }
    // The flagging leader and the contacts see it.
    expect((await onLoop(c.teacher, loop.id)).flags.map((f) => f.id)).toEqual([made.id]);
    expect((await detail(c.teacher, made.id)).flag.id).toBe(made.id);
    expect((await detail(counsellor, made.id)).flag.id).toBe(made.id);
    expect((await c.teacher.client.get(api(`/safeguarding-flags/${made.id}/attachments/${attachment}`))).statusCode).toBe(200);
  });

  it("should never show a flag to the loop's sender, nor tell them, even when they are a safeguarding contact", async () => {
    const admin = c.admin!;
    expectStatus(await addContact(admin, c.orgId, s1.id), 200);
    try {
      const loop = await sendLoop(s1, c.groupId, { text: "My own words" });
      const before = (await feed(s1)).length;
      const made = await newFlag(c.teacher, loop.id);
      expect((await feed(s1)).length).toBe(before);
      expect((await feed(counsellor)).some((i) => i.kind === "safeguarding_flagged")).toBe(true);
      await expectLikeMissing(s1.client, "GET", api(`/safeguarding-flags/${made.id}`), api(`/safeguarding-flags/${MISSING_ID}`));
      expect((await onLoop(s1, loop.id)).flags).toEqual([]);
      const listed = expectStatus<SafeguardingFlagPage>(await s1.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`)), 200);
      expect(listed.isContact).toBe(true);
      expect(listed.flags.map((f) => f.id)).not.toContain(made.id);
      // A page of the list is full even when the newest flags are on the contact's own loops (left out after the query).
      const own = [await newFlag(c.teacher, (await sendLoop(s1, c.groupId, { text: "Mine too" })).id), await newFlag(c.teacher, (await sendLoop(s1, c.groupId, { text: "And this" })).id)];
      const page = expectStatus<SafeguardingFlagPage>(await s1.client.get(api(`/organisations/${c.orgId}/safeguarding-flags?limit=2`)), 200);
      expect(page.flags).toHaveLength(2);
      expect(page.flags.map((f) => f.id)).not.toEqual(expect.arrayContaining([own[0]!.id]));
      expect(page.flags.map((f) => f.id)).toEqual(listed.flags.slice(0, 2).map((f) => f.id));
    } finally {
      expect((await admin.client.delete(`${contactsUrl()}/${s1.id}`)).statusCode).toBe(204);
    }
  });

  it("should keep the leader's note out of lists: it is read by opening the flag, and every opening is audited", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "Listed" });
    const note = "NOTE-ONLY-IN-THE-FLAG: bruises on the arm";
    t.clock.advance(1_000);
    const made = expectStatus<{ flag: SafeguardingFlag }>(await flag(c.teacher, loop.id, { reason: "abuse", note }), 201).flag;
    const lists = [
      await counsellor.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`)),
      await c.teacher.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`)),
      await c.teacher.client.get(api(`/loops/${loop.id}/safeguarding-flags`)),
    ];
    for (const res of lists) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(made.id);
      expect(res.body).not.toContain(note);
    }
    const views = async () => (await auditLog(c.admin!, c.orgId, { action: "safeguarding.flag_viewed" })).filter((a) => a.subjectId === made.id).length;
    const before = await views();
    expect((await detail(counsellor, made.id)).flag.note).toBe(note);
    expect(await views()).toBe(before + 1);
  });

  it("should let contacts record what was done as the flag's history, which the flagging leader is told of and reads but may not add to", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "Help" });
    const made = await newFlag(c.teacher, loop.id);
    const step = (p: Person, body: object) => p.client.post(api(`/safeguarding-flags/${made.id}/steps`), body);
    expect(fieldsOf(await step(counsellor, { status: "sent_somewhere", note: "Hm" }))).toHaveProperty("status");
    expect(fieldsOf(await step(counsellor, { status: "closed", note: "" }))).toHaveProperty("note");
    expect((await step(c.teacher, { status: "closed", note: "I think it is fine" })).statusCode).toBe(403);
    t.clock.advance(60_000);
    await settle();
    const mailsBefore = t.smtp.messages.length;
    const toldBefore = (await feed(c.teacher)).filter((i) => i.kind === "safeguarding_step").length;
    const first = expectStatus<SafeguardingFlagHistory>(await step(counsellor, { status: "forwarded_social_services", note: "Reported to the social services, case 2026-113." }), 201);
    expect(first.flag.status).toBe("forwarded_social_services");
    // The flagging leader hears that something was done — in the feed and by e-mail, without the note.
    const told = (await feed(c.teacher)).filter((i) => i.kind === "safeguarding_step");
    expect(told).toHaveLength(toldBefore + 1);
    expect(JSON.stringify(told)).not.toContain("2026-113");
    await settle();
    const mails = mailsTo(c.teacher, mailsBefore);
    expect(mails.length).toBe(1);
    expect(mailText(mails[0]!)).not.toContain("2026-113");
    expect(mailText(mails[0]!)).not.toContain("Help");
    expect(mailsTo(counsellor, mailsBefore)).toEqual([]);
    t.clock.advance(60_000);
    expectStatus(await step(counsellor, { status: "closed", note: "The social services have taken over." }), 201);
    const seen = await detail(c.teacher, made.id);
    expect(seen.flag.status).toBe("closed");
    expect(seen.history.map((h) => [h.status, h.note, h.by?.name])).toEqual([
      ["forwarded_social_services", "Reported to the social services, case 2026-113.", "Kurt Counsellor"],
      ["closed", "The social services have taken over.", "Kurt Counsellor"],
    ]);
    const list = async (status: string) =>
      expectStatus<SafeguardingFlagPage>(await counsellor.client.get(api(`/organisations/${c.orgId}/safeguarding-flags?status=${status}`)), 200).flags.map((f) => f.id);
    expect(await list("closed")).toContain(made.id);
    expect(await list("open")).not.toContain(made.id);
    expect(fieldsOf(await counsellor.client.get(api(`/organisations/${c.orgId}/safeguarding-flags?status=done`)))).toHaveProperty("status");
    // The flagging leader's own list shows their flags only, with the status the contacts set.
    const mine = expectStatus<SafeguardingFlagPage>(await c.teacher.client.get(api(`/organisations/${c.orgId}/safeguarding-flags`)), 200);
    expect(mine.isContact).toBe(false);
    expect(mine.flags.every((f) => f.mine)).toBe(true);
    expect(mine.flags.find((f) => f.id === made.id)?.status).toBe("closed");
  });

  it("should audit every step: the flag, each view by a contact and each status change — without notes or loop text", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "AUDIT-SECRET text" });
    const made = await newFlag(c.teacher, loop.id);
    for (let i = 0; i < 2; i++) {
      t.clock.advance(1_000);
      await detail(counsellor, made.id);
    }
    t.clock.advance(1_000);
    expectStatus(await counsellor.client.post(api(`/safeguarding-flags/${made.id}/steps`), { status: "forwarded_other", note: "AUDIT-SECRET note to the police" }), 201);
    const rows = (await auditLog(c.admin!, c.orgId, { action: "safeguarding." })).filter((a) => a.subjectId === made.id);
    expect(rows.map((a) => [a.action, a.actor?.id, a.outcome]).reverse()).toEqual([
      ["safeguarding.flagged", c.teacher.id, "success"],
      ["safeguarding.flag_viewed", counsellor.id, "success"],
      ["safeguarding.flag_viewed", counsellor.id, "success"],
      ["safeguarding.step_recorded", counsellor.id, "success"],
    ]);
    expect(rows.find((a) => a.action === "safeguarding.step_recorded")!.data).toEqual({ status: "forwarded_other" });
    expect(JSON.stringify(rows)).not.toContain("AUDIT-SECRET");
    // A refused look is audited too (as any refused authorization is).
    expect((await coLeader.client.get(api(`/safeguarding-flags/${made.id}`))).statusCode).toBe(404);
    const denied = (await auditLog(c.admin!, c.orgId, { action: "safeguarding" })).filter((a) => a.outcome === "denied" && a.subjectId === made.id);
    expect(denied.map((a) => a.actor?.id)).toContain(coLeader.id);
  });

  it("should end a contact's access when their designation ends", async () => {
    const admin = c.admin!;
    const deputy = await register(t, "Dora Deputy");
    await makeGroupCreator(admin, c.orgId, deputy);
    expectStatus(await addContact(admin, c.orgId, deputy.id), 200);
    const made = await newFlag(c.teacher, (await sendLoop(s1, c.groupId)).id);
    expect((await detail(deputy, made.id)).flag.id).toBe(made.id);
    expect((await admin.client.delete(`${contactsUrl()}/${deputy.id}`)).statusCode).toBe(204);
    await expectLikeMissing(deputy.client, "GET", api(`/safeguarding-flags/${made.id}`), api(`/safeguarding-flags/${MISSING_ID}`));
  });

  it("should keep no id of an erased person in safeguarding while the flag and its history stay", async () => {
    const admin = c.admin!;
    const leaver = await register(t, "Lars Leaving");
    await join(leaver, await enableLeaderCode(c.teacher, c.groupId));
    await makeGroupCreator(admin, c.orgId, leaver);
    expectStatus(await addContact(admin, c.orgId, leaver.id), 200);
    const made = await newFlag(leaver, (await sendLoop(s1, c.groupId)).id);
    expectStatus(await leaver.client.post(api(`/safeguarding-flags/${made.id}/steps`), { status: "closed", note: "Handled at the meeting." }), 201);
    await t.db.handle.db.transaction().execute((tx) => forgetSafeguardingPerson(tx, leaver.id));
    const db = t.db.handle.db;
    const rows = [
      ...(await db.selectFrom("safeguarding_contacts").selectAll().execute()),
      ...(await db.selectFrom("safeguarding_flags").selectAll().execute()),
      ...(await db.selectFrom("safeguarding_steps").selectAll().execute()),
    ];
    expect(JSON.stringify(rows)).not.toContain(leaver.id);
    const seen = await detail(counsellor, made.id);
    expect(seen).toMatchObject({ flag: { flaggedBy: null, status: "closed" }, history: [{ by: null, note: "Handled at the meeting." }] });
  });

  it("should keep the flag and what was done when the sender deletes the loop, without the loop's content", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "I regret writing this" });
    const made = await newFlag(c.teacher, loop.id);
    expectStatus(await counsellor.client.post(api(`/safeguarding-flags/${made.id}/steps`), { status: "forwarded_social_services", note: "Reported." }), 201);
    expect((await s1.client.delete(api(`/loops/${loop.id}`))).statusCode).toBe(204);
    const seen = await detail(counsellor, made.id);
    expect(seen).toMatchObject({ loop: null, thread: null, flag: { loopId: null, status: "forwarded_social_services", note: NOTE } });
    expect(seen.history).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain("I regret writing this");
  });

  it("should not tell a leader that an anonymous loop's sender is the only safeguarding contact: flagging it answers as for any other sender", async () => {
    const [onlyContact] = foreign.students as [Person];
    const other = await register(t, "Olle Other");
    await join(other, (await groupCodes(foreign.teacher, foreign.groupId)).sender!);
    expectStatus(await addContact(foreign.teacher, foreign.orgId, onlyContact.id), 200);
    try {
      const byContact = await sendLoop(onlyContact, foreign.groupId, { text: "Mine", anonymous: true });
      const byOther = await sendLoop(other, foreign.groupId, { text: "Theirs", anonymous: true });
      // The leader reads both the same way: contacts exist, and the flag is taken.
      expect((await onLoop(foreign.teacher, byContact.id)).contactsDesignated).toBe((await onLoop(foreign.teacher, byOther.id)).contactsDesignated);
      const before = (await feed(onlyContact)).length;
      expect((await flag(foreign.teacher, byContact.id)).statusCode).toBe((await flag(foreign.teacher, byOther.id)).statusCode);
      // The contact is told of the other student's loop only, never of their own.
      const told = (await feed(onlyContact)).filter((i) => i.kind === "safeguarding_flagged");
      expect((await feed(onlyContact)).length - before).toBe(1);
      expect(told).toHaveLength(1);
    } finally {
      expect((await foreign.teacher.client.delete(api(`/organisations/${foreign.orgId}/safeguarding-contacts/${onlyContact.id}`))).statusCode).toBe(204);
    }
  });
});
