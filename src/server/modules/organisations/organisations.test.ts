import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import { linkIn } from "../../../../test/helpers/smtp.js";
import {
  acceptInvitation,
  auditLog,
  createGroup,
  createOrganisation,
  groupCodes,
  invitationToken,
  join,
  mailTo,
  makeGroupCreator,
  MISSING_ID,
  register,
  uniqueEmail,
  type Person,
  expectLikeMissing,
} from "../../../../test/helpers/world.js";

let t: TestApp;
let instanceAdmin: Person;
/** Administrator of Solskolan (orgId). */
let admin: Person;
/** Group creator of Solskolan and owner of its group 7B. */
let teacher: Person;
/** Sender in 7B: a plain member of Solskolan. */
let student: Person;
/** Administrator of Bergskolan (otherOrgId). */
let otherAdmin: Person;
let orgId: string;
let otherOrgId: string;
let groupId: string;

const org = (id: string, rest = "") => `/api/v1/organisations/${id}${rest}`;
const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

beforeAll(async () => {
  t = await createTestApp();
  instanceAdmin = await register(t, "Ingrid Instance");
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  otherAdmin = await register(t, "Olof Other");
  otherOrgId = await createOrganisation(otherAdmin, "Bergskolan", "municipality");
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  student = await register(t, "Sam Student");
  await join(student, (await groupCodes(teacher, groupId)).sender!);
});
afterAll(async () => {
  await t?.close();
});


/** Changes of join codes in Solskolan's audit log, newest first. */
async function codeEvents() {
  const log = await auditLog(admin, orgId, { action: "join_code." });
  // "_" in the filter is a letter, not LIKE's one-character wildcard.
  expect(log.every((e) => e.action.startsWith("join_code."))).toBe(true);
  return log;
}

describe("organisations API", () => {
  it("should require authentication on every organisation endpoint", async () => {
    const visitor = t.client();
    const calls = [
      visitor.get("/api/v1/organisations"),
      visitor.post("/api/v1/organisations", { name: "X", type: "school" }),
      visitor.get(org(orgId)),
      visitor.patch(org(orgId), { name: "X" }),
      visitor.get(org(orgId, "/members")),
      visitor.post(org(orgId, "/admins"), { email: admin.email }),
      visitor.delete(org(orgId, `/admins/${admin.id}`)),
      visitor.post(org(orgId, "/group-creators"), { email: teacher.email }),
      visitor.delete(org(orgId, `/group-creators/${teacher.id}`)),
      visitor.get(org(orgId, "/invite-code")),
      visitor.patch(org(orgId, "/invite-code"), { enabled: false }),
      visitor.post(org(orgId, "/invite-code/rotate")),
      visitor.get(org(orgId, "/invitations")),
      visitor.delete(org(orgId, `/invitations/${MISSING_ID}`)),
      visitor.get(org(orgId, "/audit")),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
    // Nothing was changed by the refused calls.
    expect((await admin.client.get(org(orgId))).json().organisation.name).toBe("Solskolan");
  });

  it("answers 400 naming the id on every endpoint when an id is not an id", async () => {
    const calls: Array<[ReturnType<TestClient["get"]>, Record<string, string>]> = [
      [admin.client.get(org("x")), { orgId: "invalid" }],
      [admin.client.patch(org("x"), { name: "Y" }), { orgId: "invalid" }],
      [admin.client.get(org("x", "/members")), { orgId: "invalid" }],
      [admin.client.post(org("x", "/admins"), { email: teacher.email }), { orgId: "invalid" }],
      [admin.client.delete(org(orgId, "/admins/x")), { userId: "invalid" }],
      [admin.client.post(org("x", "/group-creators"), { email: teacher.email }), { orgId: "invalid" }],
      [admin.client.delete(org(orgId, "/group-creators/x")), { userId: "invalid" }],
      [admin.client.get(org("x", "/invite-code")), { orgId: "invalid" }],
      [admin.client.patch(org("x", "/invite-code"), { enabled: true }), { orgId: "invalid" }],
      [admin.client.post(org("x", "/invite-code/rotate")), { orgId: "invalid" }],
      [admin.client.get(org("x", "/invitations")), { orgId: "invalid" }],
      [admin.client.delete(org(orgId, "/invitations/x")), { invitationId: "invalid" }],
      [admin.client.get(org("x", "/audit")), { orgId: "invalid" }],
    ];
    for (const [pending, fields] of calls) {
      const res = await pending;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: "validation", message: expect.any(String), fields });
    }
  });

  describe("POST /organisations", () => {
    it("creates the organisation with its creator as administrator and group creator", async () => {
      const founder = await register(t, "Frida Founder");
      const res = await founder.client.post("/api/v1/organisations", { name: "  Ekskolan ", type: "school" });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json().organisation;
      expect(created).toMatchObject({ name: "Ekskolan", type: "school", myRoles: { admin: true, groupCreator: true } });
      expect(created.abilities).toEqual({ update: true, manageAdmins: true, manageGroupCreators: true, readMembers: true, readAudit: true, createGroup: true, readStatistics: true });
      expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const mine = (await founder.client.get("/api/v1/organisations")).json().organisations;
      expect(mine.map((o: { id: string }) => o.id)).toEqual([created.id]);
      const log = await auditLog(founder, created.id, { action: "organisation.created" });
      expect(log).toEqual([expect.objectContaining({ action: "organisation.created", outcome: "success", actor: { id: founder.id, name: "Frida Founder" } })]);
    });

    it.each([
      [{ type: "school" }, { name: "required" }],
      [{ name: "   ", type: "school" }, { name: "too_short" }],
      [{ name: "x".repeat(121), type: "school" }, { name: "too_long" }],
      [{ name: "Bad\u0000name", type: "school" }, { name: "invalid" }],
      // A missing choice and a wrong type name the field; the problem code is app.ts's mapping.
      [{ name: "Klubben" }, { type: expect.any(String) }],
      [{ name: "Klubben", type: "club" }, { type: "invalid_value" }],
    ])("answers 400 with the field for %j and creates nothing", async (body, fields) => {
      const res = await instanceAdmin.client.post("/api/v1/organisations", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await instanceAdmin.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
    });

    describe("with ORG_CREATION=admin", () => {
      let locked: TestApp;
      beforeAll(async () => {
        locked = await createTestApp({ env: { ORG_CREATION: "admin" } });
      });
      afterAll(async () => {
        await locked?.close();
      });

      it("lets only the instance administrator create organisations", async () => {
        const first = await register(locked, "First Account");
        const second = await register(locked, "Second Account");
        const refused = await second.client.post("/api/v1/organisations", { name: "Rogue School", type: "school" });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe("forbidden");
        expect((await second.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
        const allowed = await first.client.post("/api/v1/organisations", { name: "Real School", type: "school" });
        expect(allowed.statusCode).toBe(201);
        // The instance administrator can then make the second account an administrator of it.
        const id = allowed.json().organisation.id;
        expect((await first.client.post(`/api/v1/organisations/${id}/admins`, { email: second.email })).statusCode).toBe(204);
        expect((await second.client.get(`/api/v1/organisations/${id}`)).json().organisation.myRoles.admin).toBe(true);
      });
    });
  });

  describe("GET /organisations and GET /organisations/:orgId", () => {
    it("lists only my organisations, each with my roles and abilities", async () => {
      const mine = (await student.client.get("/api/v1/organisations")).json().organisations;
      expect(mine).toEqual([
        expect.objectContaining({
          id: orgId,
          name: "Solskolan",
          myRoles: { admin: false, groupCreator: false },
          abilities: { update: false, manageAdmins: false, manageGroupCreators: false, readMembers: false, readAudit: false, createGroup: false, readStatistics: false },
        }),
      ]);
      const teacherView = (await teacher.client.get(org(orgId))).json().organisation;
      expect(teacherView.myRoles).toEqual({ admin: false, groupCreator: true });
      expect(teacherView.abilities).toMatchObject({ createGroup: true, update: false, readAudit: false });
      expect((await instanceAdmin.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "GET", org(otherOrgId), org(MISSING_ID));
      // The instance administrator has no special access to organisations.
      await expectLikeMissing(instanceAdmin.client, "GET", org(orgId), org(MISSING_ID));
    });

    it("answers 400 for an id that is not an id", async () => {
      const res = await admin.client.get(org("not-a-uuid"));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields: { orgId: "invalid" } });
    });
  });

  describe("PATCH /organisations/:orgId", () => {
    it("lets an administrator rename and retype, and refuses a plain member or a group creator", async () => {
      const res = await admin.client.patch(org(orgId), { name: "Solskolan Norra", type: "other" });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().organisation).toMatchObject({ name: "Solskolan Norra", type: "other" });
      expect((await student.client.get(org(orgId))).json().organisation.name).toBe("Solskolan Norra");
      for (const p of [student, teacher]) {
        const refused = await p.client.patch(org(orgId), { name: "Hacked" });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe("forbidden");
      }
      await admin.client.patch(org(orgId), { name: "Solskolan", type: "school" });
      expect((await student.client.get(org(orgId))).json().organisation).toMatchObject({ name: "Solskolan", type: "school" });
      const log = await auditLog(admin, orgId, { action: "organisation.updated" });
      expect(log[0]).toMatchObject({ outcome: "success", actor: { id: admin.id }, data: { fields: "name,type" } });
    });

    it("keeps the organisation's time zone (Europe/Stockholm by default), which an administrator changes", async () => {
      expect((await student.client.get(org(orgId))).json().organisation.timeZone).toBe("Europe/Stockholm");
      const res = await admin.client.patch(org(orgId), { timeZone: "America/New_York" });
      expect(res.statusCode, res.body).toBe(200);
      expect((await student.client.get(org(orgId))).json().organisation.timeZone).toBe("America/New_York");
      await admin.client.patch(org(orgId), { timeZone: "Europe/Stockholm" });
      const created = await otherAdmin.client.post("/api/v1/organisations", { name: "Fjällskolan", type: "school", timeZone: "Europe/Helsinki" });
      expect(created.json().organisation.timeZone).toBe("Europe/Helsinki");
    });

    it("keeps k for statistics (5 by default), which only an administrator changes, within 3–50", async () => {
      expect((await student.client.get(org(orgId))).json().organisation.minSenders).toBe(5);
      const res = await admin.client.patch(org(orgId), { minSenders: 3 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().organisation.minSenders).toBe(3);
      expect((await student.client.get(org(orgId))).json().organisation.minSenders).toBe(3);
      // Other tests change settings at the same (fake) instant: find this change's row.
      const log = await auditLog(admin, orgId, { action: "organisation.updated" });
      expect(log.find((e) => e.data.fields === "statistics_min_senders")).toMatchObject({ outcome: "success", actor: { id: admin.id } });
      for (const p of [student, teacher]) {
        const refused = await p.client.patch(org(orgId), { minSenders: 50 });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe("forbidden");
      }
      for (const minSenders of [2, 51, 4.5, "5", null]) {
        const bad = await admin.client.patch(org(orgId), { minSenders });
        expect(bad.statusCode, JSON.stringify(minSenders)).toBe(400);
        expect(Object.keys(bad.json().error.fields)).toEqual(["minSenders"]);
      }
      expect((await admin.client.patch(org(orgId), { minSenders: 50 })).json().organisation.minSenders).toBe(50);
      await admin.client.patch(org(orgId), { minSenders: 5 });
      expect((await student.client.get(org(orgId))).json().organisation.minSenders).toBe(5);
    });

    it.each([
      [{ name: "" }, { name: "too_short" }],
      [{ name: "n".repeat(121) }, { name: "too_long" }],
      [{ type: "club" }, { type: "invalid_value" }],
      [{ timeZone: "Mars/Olympus_Mons" }, { timeZone: expect.any(String) }],
      [{ timeZone: "" }, { timeZone: expect.any(String) }],
      [{ name: 42 }, { name: expect.any(String) }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await admin.client.patch(org(orgId), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await admin.client.get(org(orgId))).json().organisation.name).toBe("Solskolan");
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "PATCH", org(otherOrgId), org(MISSING_ID), { name: "Taken over" });
      expect((await otherAdmin.client.get(org(otherOrgId))).json().organisation.name).toBe("Bergskolan");
    });
  });

  describe("GET /organisations/:orgId/members", () => {
    it("shows administrators each member with their groups and roles", async () => {
      const res = await admin.client.get(org(orgId, "/members"));
      expect(res.statusCode).toBe(200);
      const members = res.json().members as Array<{ userId: string }>;
      const byId = new Map(members.map((m) => [m.userId, m]));
      expect(byId.get(admin.id)).toMatchObject({ name: "Astrid Admin", email: admin.email, admin: true, groupCreator: true, groups: [] });
      expect(byId.get(teacher.id)).toMatchObject({ admin: false, groupCreator: true, groups: [{ groupId, name: "7B", role: "leader", owner: true }] });
      expect(byId.get(student.id)).toMatchObject({ admin: false, groupCreator: false, groups: [{ groupId, name: "7B", role: "sender", owner: false }] });
      expect(byId.has(otherAdmin.id)).toBe(false);
      expect(byId.has(instanceAdmin.id)).toBe(false);
    });

    it("is refused to members who are not administrators", async () => {
      for (const p of [teacher, student]) expect((await p.client.get(org(orgId, "/members"))).statusCode).toBe(403);
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "GET", org(otherOrgId, "/members"), org(MISSING_ID, "/members"));
    });
  });

  describe("administrators", () => {
    let clubId: string;
    let founder: Person;
    let deputy: Person;
    beforeAll(async () => {
      founder = await register(t, "Klara Club");
      clubId = await createOrganisation(founder, "Schackklubben", "other");
      deputy = await register(t, "Dag Deputy");
    });

    it("adds an existing account as administrator at once", async () => {
      const res = await founder.client.post(org(clubId, "/admins"), { email: deputy.email.toUpperCase() });
      expect(res.statusCode, res.body).toBe(204);
      const seen = (await deputy.client.get(org(clubId))).json().organisation;
      expect(seen.myRoles.admin).toBe(true);
      expect(seen.abilities).toMatchObject({ update: true, manageAdmins: true, readAudit: true });
      const log = await auditLog(founder, clubId, { action: "organisation.admin" });
      expect(log).toContainEqual(expect.objectContaining({ action: "organisation.admin_added", subjectId: deputy.id, actor: { id: founder.id, name: "Klara Club" } }));
    });

    it.each([
      [{}, { email: "required" }],
      [{ email: "not an address" }, { email: "invalid_email" }],
      [{ email: "nobody.here@school.example" }, { email: "no_account" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await founder.client.post(org(clubId, "/admins"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("refuses anyone but an administrator", async () => {
      expect((await teacher.client.post(org(orgId, "/admins"), { email: teacher.email })).statusCode).toBe(403);
      expect((await teacher.client.delete(org(orgId, `/admins/${admin.id}`))).statusCode).toBe(403);
      expect((await teacher.client.get(org(orgId))).json().organisation.myRoles.admin).toBe(false);
      expect((await admin.client.get(org(orgId))).json().organisation.myRoles.admin).toBe(true);
    });

    it("removes an administrator, but never the last one: 409 and no change, no audit row", async () => {
      const removed = await deputy.client.delete(org(clubId, `/admins/${founder.id}`));
      expect(removed.statusCode, removed.body).toBe(204);
      expect((await founder.client.get(org(clubId))).json().organisation.myRoles.admin).toBe(false);
      expect((await founder.client.get(org(clubId, "/audit"))).statusCode).toBe(403);

      const last = await deputy.client.delete(org(clubId, `/admins/${deputy.id}`));
      expect(last.statusCode).toBe(409);
      expect(last.json().error).toMatchObject({ code: "last_admin", message: expect.any(String) });
      expect((await deputy.client.get(org(clubId))).json().organisation.myRoles.admin).toBe(true);
      const removals = await auditLog(deputy, clubId, { action: "organisation.admin_removed" });
      expect(removals.map((e) => e.subjectId)).toEqual([founder.id]);
    });

    it("answers a user who is no administrator here exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "DELETE", org(orgId, `/admins/${otherAdmin.id}`), org(orgId, `/admins/${MISSING_ID}`));
      await expectLikeMissing(admin.client, "DELETE", org(orgId, `/admins/${student.id}`), org(orgId, `/admins/${MISSING_ID}`));
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "POST", org(otherOrgId, "/admins"), org(MISSING_ID, "/admins"), { email: admin.email });
      await expectLikeMissing(admin.client, "DELETE", org(otherOrgId, `/admins/${otherAdmin.id}`), org(MISSING_ID, `/admins/${otherAdmin.id}`));
      expect((await otherAdmin.client.get(org(otherOrgId))).json().organisation.myRoles.admin).toBe(true);
      expect((await admin.client.get("/api/v1/organisations")).json().organisations.map((o: { id: string }) => o.id)).not.toContain(otherOrgId);
    });
  });

  describe("group creators", () => {
    it("gives an existing account the right at once: it can create a group", async () => {
      const gunnar = await register(t, "Gunnar Granted");
      expect((await gunnar.client.post(org(orgId, "/groups"), { name: "Too early", type: "flat", hasStudentMembers: false })).statusCode).toBe(404);
      const before = t.smtp.messages.length;
      const res = await admin.client.post(org(orgId, "/group-creators"), { email: ` ${gunnar.email.toUpperCase()} ` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ outcome: "granted" });
      expect((await gunnar.client.get(org(orgId))).json().organisation.myRoles).toEqual({ admin: false, groupCreator: true });
      expect((await gunnar.client.post(org(orgId, "/groups"), { name: "Gunnar's group", type: "flat", hasStudentMembers: false })).statusCode).toBe(201);
      expect(t.smtp.messages.length).toBe(before);
      const log = await auditLog(admin, orgId, { action: "organisation.group" });
      expect(log).toContainEqual(expect.objectContaining({ action: "organisation.group_creator_added", subjectId: gunnar.id, outcome: "success" }));
    });

    it("e-mails an unknown address an invitation whose link makes the new account a group creator", async () => {
      const email = uniqueEmail("newteacher");
      const since = t.smtp.messages.length;
      const res = await admin.client.post(org(orgId, "/group-creators"), { email });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ outcome: "invited" });
      const mail = await mailTo(t, email, since);
      expect(mail.subject).toContain("Solskolan");
      expect(mail.text).toContain("Astrid Admin");
      const link = new URL(linkIn(mail, "/invitations/accept?token="));
      expect(link.origin).toBe("http://openloop.test");

      const pending = (await admin.client.get(org(orgId, "/invitations"))).json().invitations;
      expect(pending).toContainEqual(expect.objectContaining({ email, role: "group_creator" }));

      const newcomer = await register(t, "Nora Newcomer", { email });
      const joined = await acceptInvitation(newcomer, invitationToken(mail));
      expect(joined).toEqual({ kind: "organisation", organisationId: orgId, groupId: null, role: "group_creator" });
      expect((await newcomer.client.get("/api/v1/organisations")).json().organisations).toEqual([
        expect.objectContaining({ id: orgId, myRoles: { admin: false, groupCreator: true } }),
      ]);
      expect((await newcomer.client.post(org(orgId, "/groups"), { name: "Nora's class", type: "hierarchical", hasStudentMembers: true })).statusCode).toBe(201);
      const after = (await admin.client.get(org(orgId, "/invitations"))).json().invitations;
      expect(after.map((i: { email: string }) => i.email)).not.toContain(email);
      // The link works once.
      const reuse = await newcomer.client.post("/api/v1/invitations/accept", { token: invitationToken(mail) });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().error.code).toBe("invalid_token");
      const log = await auditLog(admin, orgId, { action: "invitation." });
      expect(log).toContainEqual(expect.objectContaining({ action: "invitation.accepted", actor: { id: newcomer.id, name: "Nora Newcomer" }, data: { role: "group_creator" } }));
      expect(log).toContainEqual(expect.objectContaining({ action: "invitation.created", actor: { id: admin.id, name: "Astrid Admin" } }));
    });

    it("withdraws a pending invitation: its link stops working", async () => {
      const email = uniqueEmail("withdrawn");
      const since = t.smtp.messages.length;
      await admin.client.post(org(orgId, "/group-creators"), { email });
      const token = invitationToken(await mailTo(t, email, since));
      const invitation = (await admin.client.get(org(orgId, "/invitations"))).json().invitations.find((i: { email: string }) => i.email === email);
      expect((await teacher.client.delete(org(orgId, `/invitations/${invitation.id}`))).statusCode).toBe(403);
      const res = await admin.client.delete(org(orgId, `/invitations/${invitation.id}`));
      expect(res.statusCode, res.body).toBe(204);
      expect((await admin.client.get(org(orgId, "/invitations"))).json().invitations.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
      const late = await register(t, "Late Comer", { email });
      const refused = await late.client.post("/api/v1/invitations/accept", { token });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe("invalid_token");
      expect((await late.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
      expect((await admin.client.delete(org(orgId, `/invitations/${invitation.id}`))).statusCode).toBe(404);
      const log = await auditLog(admin, orgId, { action: "invitation.revoked" });
      expect(log).toContainEqual(expect.objectContaining({ subjectId: invitation.id, actor: { id: admin.id, name: "Astrid Admin" } }));
    });

    it("takes the right away: no more new groups", async () => {
      const hanna = await register(t, "Hanna Handover");
      await makeGroupCreator(admin, orgId, hanna);
      const res = await admin.client.delete(org(orgId, `/group-creators/${hanna.id}`));
      expect(res.statusCode, res.body).toBe(204);
      expect((await hanna.client.get(org(orgId))).json().organisation.myRoles.groupCreator).toBe(false);
      const refused = await hanna.client.post(org(orgId, "/groups"), { name: "Not allowed", type: "flat", hasStudentMembers: false });
      expect(refused.statusCode).toBe(403);
      // Not a group creator any more: like a user who is not one.
      await expectLikeMissing(admin.client, "DELETE", org(orgId, `/group-creators/${hanna.id}`), org(orgId, `/group-creators/${MISSING_ID}`));
      const log = await auditLog(admin, orgId, { action: "organisation.group" });
      expect(log).toContainEqual(expect.objectContaining({ action: "organisation.group_creator_removed", subjectId: hanna.id }));
    });

    it("is refused to anyone but an administrator", async () => {
      const someone = await register(t, "Someone Else");
      expect((await teacher.client.post(org(orgId, "/group-creators"), { email: someone.email })).statusCode).toBe(403);
      expect((await teacher.client.delete(org(orgId, `/group-creators/${teacher.id}`))).statusCode).toBe(403);
      expect((await teacher.client.get(org(orgId, "/invitations"))).statusCode).toBe(403);
      expect((await someone.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
      expect((await teacher.client.get(org(orgId))).json().organisation.myRoles.groupCreator).toBe(true);
    });

    it.each([
      [{}, { email: "required" }],
      [{ email: "@school" }, { email: "invalid_email" }],
      [{ email: `${"x".repeat(250)}@school.example` }, { email: "too_long" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await admin.client.post(org(orgId, "/group-creators"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("answers 400 for a user or invitation id that is not an id", async () => {
      expect((await admin.client.delete(org(orgId, "/group-creators/42"))).json().error.fields).toEqual({ userId: "invalid" });
      expect((await admin.client.delete(org(orgId, "/invitations/42"))).json().error.fields).toEqual({ invitationId: "invalid" });
    });

    it("answers another organisation's ids exactly like non-existent ones", async () => {
      const since = t.smtp.messages.length;
      const email = uniqueEmail("bergteacher");
      await otherAdmin.client.post(org(otherOrgId, "/group-creators"), { email });
      await mailTo(t, email, since);
      const foreignInvitation = (await otherAdmin.client.get(org(otherOrgId, "/invitations"))).json().invitations[0];
      await expectLikeMissing(admin.client, "DELETE", org(orgId, `/invitations/${foreignInvitation.id}`), org(orgId, `/invitations/${MISSING_ID}`));
      await expectLikeMissing(admin.client, "DELETE", org(otherOrgId, `/invitations/${foreignInvitation.id}`), org(MISSING_ID, `/invitations/${foreignInvitation.id}`));
      await expectLikeMissing(admin.client, "POST", org(otherOrgId, "/group-creators"), org(MISSING_ID, "/group-creators"), { email: admin.email });
      await expectLikeMissing(admin.client, "DELETE", org(otherOrgId, `/group-creators/${otherAdmin.id}`), org(MISSING_ID, `/group-creators/${otherAdmin.id}`));
      await expectLikeMissing(admin.client, "GET", org(otherOrgId, "/invitations"), org(MISSING_ID, "/invitations"));
      expect((await otherAdmin.client.get(org(otherOrgId, "/invitations"))).json().invitations).toHaveLength(1);
    });
  });

  describe("invitation code for group creators", () => {
    it("is shown to administrators, and entering it (any case, with or without the dash) makes a group creator", async () => {
      const res = await admin.client.get(org(orgId, "/invite-code"));
      expect(res.statusCode, res.body).toBe(200);
      const code = res.json();
      expect(code).toMatchObject({ purpose: "group_creator", enabled: true, expiresAt: null });
      expect(code.code).toMatch(CODE_PATTERN);
      expect(code.joinUrl).toBe(`http://openloop.test/join/${code.code.replace("-", "")}`);

      const viggo = await register(t, "Viggo Volunteer");
      const joined = await join(viggo, code.code.replace("-", "").toLowerCase());
      expect(joined).toEqual({ kind: "organisation", organisationId: orgId, groupId: null, role: "group_creator" });
      expect((await viggo.client.get(org(orgId))).json().organisation.myRoles).toEqual({ admin: false, groupCreator: true });
      expect(await join(viggo, code.code)).toEqual(joined);
      const log = await auditLog(admin, orgId, { action: "join.", actorId: viggo.id });
      expect(log[0]).toMatchObject({ action: "join.by_code", subjectType: "organisation", subjectId: orgId, data: { role: "group_creator" } });
    });

    it("is refused to anyone but an administrator", async () => {
      for (const res of [
        await teacher.client.get(org(orgId, "/invite-code")),
        await teacher.client.post(org(orgId, "/invite-code/rotate")),
        await teacher.client.patch(org(orgId, "/invite-code"), { enabled: false }),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
      expect((await admin.client.get(org(orgId, "/invite-code"))).json().enabled).toBe(true);
    });

    it("rotates: the old code stops working at once, the new one works", async () => {
      const old = (await admin.client.get(org(orgId, "/invite-code"))).json().code;
      const res = await admin.client.post(org(orgId, "/invite-code/rotate"));
      expect(res.statusCode, res.body).toBe(200);
      const fresh = res.json();
      expect(fresh.code).toMatch(CODE_PATTERN);
      expect(fresh.code).not.toBe(old);
      expect((await admin.client.get(org(orgId, "/invite-code"))).json().code).toBe(fresh.code);

      const p = await register(t, "Rotated Rut");
      const refused = await p.client.post("/api/v1/join", { code: old });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: "invalid_code", fields: { code: "invalid" } });
      expect((await p.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
      expect((await join(p, fresh.code)).role).toBe("group_creator");
      const log = await codeEvents();
      expect(log[0]).toMatchObject({ action: "join_code.rotated", actor: { id: admin.id }, data: { purpose: "group_creator" } });
    });

    it("can be switched off (refused) and on again", async () => {
      t.clock.advance(1000);
      const off = await admin.client.patch(org(orgId, "/invite-code"), { enabled: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().enabled).toBe(false);
      const code = off.json().code;
      const p = await register(t, "Switched Sixten");
      const refused = await p.client.post("/api/v1/join", { code });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe("invalid_code");
      expect((await p.client.get("/api/v1/organisations")).json().organisations).toEqual([]);

      t.clock.advance(1000);
      const on = await admin.client.patch(org(orgId, "/invite-code"), { enabled: true });
      expect(on.json()).toMatchObject({ enabled: true, code });
      expect((await join(p, code)).role).toBe("group_creator");
      const log = await codeEvents();
      expect(log.slice(0, 2).map((e) => e.data.enabled)).toEqual([true, false]);
    });

    it.each([
      [{ enabled: "no" }, { enabled: expect.any(String) }],
      [{ expiresAt: "next week" }, { expiresAt: "invalid" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await admin.client.patch(org(orgId, "/invite-code"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      const theirs = (await otherAdmin.client.get(org(otherOrgId, "/invite-code"))).json();
      await expectLikeMissing(admin.client, "GET", org(otherOrgId, "/invite-code"), org(MISSING_ID, "/invite-code"));
      await expectLikeMissing(admin.client, "PATCH", org(otherOrgId, "/invite-code"), org(MISSING_ID, "/invite-code"), { enabled: false });
      await expectLikeMissing(admin.client, "POST", org(otherOrgId, "/invite-code/rotate"), org(MISSING_ID, "/invite-code/rotate"));
      expect((await otherAdmin.client.get(org(otherOrgId, "/invite-code"))).json()).toEqual(theirs);
    });
  });

  describe("GET /organisations/:orgId/audit", () => {
    it("filters by action prefix, actor and date range (from inclusive, to exclusive)", async () => {
      const audited = await register(t, "Audited Ada");
      t.clock.advance(3600_000);
      const t1 = t.clock();
      await makeGroupCreator(admin, orgId, audited);
      t.clock.advance(3600_000);
      const t2 = t.clock();
      expect((await admin.client.delete(org(orgId, `/group-creators/${audited.id}`))).statusCode).toBe(204);
      t.clock.advance(3600_000);
      // ISO 8601 as a person types it: whole seconds, no milliseconds.
      const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

      const window = await auditLog(admin, orgId, { action: "organisation.group", from: iso(t1), to: iso(t2) });
      expect(window.map((e) => [e.action, e.subjectId, e.at])).toEqual([["organisation.group_creator_added", audited.id, t1.toISOString()]]);
      const later = await auditLog(admin, orgId, { action: "organisation.group", from: iso(t2) });
      expect(later.map((e) => [e.action, e.subjectId])).toEqual([["organisation.group_creator_removed", audited.id]]);
      const both = await auditLog(admin, orgId, { from: iso(t1) });
      expect(both.map((e) => e.action)).toEqual(["organisation.group_creator_removed", "organisation.group_creator_added"]);

      const byTeacher = await auditLog(admin, orgId, { actorId: teacher.id });
      expect(byTeacher.length).toBeGreaterThan(0);
      expect(new Set(byTeacher.map((e) => e.actor?.id))).toEqual(new Set([teacher.id]));
      expect(byTeacher.map((e) => e.action)).toContain("group.created");
      expect(await auditLog(admin, orgId, { action: "organisation.updated", actorId: teacher.id })).toEqual([]);
    });

    it("records refused authorizations as denied, also another organisation's user probing an id", async () => {
      const probe = t.client({ ip: "198.51.100.77" });
      probe.cookie = student.client.cookie;
      expect((await probe.patch(org(orgId), { name: "Mine now" })).statusCode).toBe(403);
      expect((await otherAdmin.client.get(org(orgId, "/members"))).statusCode).toBe(404);
      const denied = await auditLog(admin, orgId, { action: "organisation." });
      expect(denied).toContainEqual(
        expect.objectContaining({ action: "organisation.update", outcome: "denied", actor: { id: student.id, name: "Sam Student" }, subjectId: orgId, ip: "198.51.100.77" }),
      );
      expect(denied).toContainEqual(expect.objectContaining({ action: "organisation.readMembers", outcome: "denied", actor: { id: otherAdmin.id, name: "Olof Other" } }));
      // Bergskolan's log knows nothing of Solskolan.
      const theirs = await auditLog(otherAdmin, otherOrgId);
      expect(theirs.every((e) => e.subjectId !== orgId)).toBe(true);
    });

    it("is refused to members who are not administrators", async () => {
      expect((await teacher.client.get(org(orgId, "/audit"))).statusCode).toBe(403);
      expect((await student.client.get(org(orgId, "/audit"))).statusCode).toBe(403);
    });

    it.each([
      ["limit=0", { limit: "too_short" }],
      ["limit=501", { limit: "too_long" }],
      ["from=yesterday", { from: "invalid" }],
      ["to=2026-13-01T00:00:00Z", { to: "invalid" }],
      ["actorId=someone", { actorId: "invalid" }],
    ])("answers 400 with the field for ?%s", async (query, fields) => {
      const res = await admin.client.get(org(orgId, `/audit?${query}`));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      await expectLikeMissing(admin.client, "GET", org(otherOrgId, "/audit"), org(MISSING_ID, "/audit"));
    });
  });
});
