import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import { linkIn } from "../../../../test/helpers/smtp.js";
import { auditRows } from "../../../../test/helpers/audit.js";
import {
  acceptInvitation,
  addTutor,
  auditLog,
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectStatus,
  groupCodes,
  invitationToken,
  inviteToGroup,
  join,
  mailTo,
  makeGroupCreator,
  MISSING_ID,
  register,
  uniqueEmail,
  type Person,
  expectLikeMissing,
} from "../../../../test/helpers/world.js";
import { JOIN_CODE_PER_USER } from "../../auth/rate-limits.js";
import { INVITATION_TTL_DAYS } from "./invitations.js";

let t: TestApp;
let admin: Person;
/** Owner of 7B (groupId). */
let teacher: Person;
let coLeader: Person;
let student: Person;
let tutor: Person;
/** Administrator of Bergskolan and owner of its group (foreignGroupId). */
let outsider: Person;
let orgId: string;
let groupId: string;
let foreignGroupId: string;

const group = (id: string, rest = "") => `/api/v1/groups/${id}${rest}`;
const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

beforeAll(async () => {
  // Many joins per person below; the join rate limit has its own tests with their own app.
  t = await createTestApp({ rateLimits: { joinCodePerUser: { points: 1000, windowSeconds: 60 } } });
  await register(t, "Ingrid Instance");
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  outsider = await register(t, "Olof Outsider");
  foreignGroupId = await createGroup(outsider, await createOrganisation(outsider, "Bergskolan"), { name: "Berg 1" });
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  coLeader = await register(t, "Cecilia Co");
  await join(coLeader, await enableLeaderCode(teacher, groupId));
  student = await register(t, "Sam Student");
  await join(student, (await groupCodes(teacher, groupId)).sender!);
  tutor = await register(t, "Tage Tutor");
  await addTutor(t, teacher, groupId, tutor);
});
afterAll(async () => {
  await t?.close();
});


const myGroupIds = async (p: Person) => ((await p.client.get("/api/v1/groups")).json().groups as Array<{ id: string }>).map((g) => g.id);
const memberRoles = async (id: string) =>
  Object.fromEntries((expectStatus(await teacher.client.get(group(id, "/members")), 200).members as Array<{ userId: string; role: string }>).map((m) => [m.userId, m.role]));
const senderCode = async () => (await groupCodes(teacher, groupId)).sender!;
const pending = async (viewer: Person, id = groupId) =>
  expectStatus<{ invitations: Array<{ id: string; email: string; role: string }> }>(await viewer.client.get(group(id, "/invitations")), 200).invitations;

describe("joining API", () => {
  it("should require authentication on every joining endpoint", async () => {
    const visitor = t.client();
    const code = await senderCode();
    const calls = [
      visitor.get(group(groupId, "/codes")),
      visitor.post(group(groupId, "/codes/sender/rotate")),
      visitor.patch(group(groupId, "/codes/sender"), { enabled: false }),
      visitor.get(group(groupId, "/codes/sender/qr.svg")),
      visitor.get(group(groupId, "/invitations")),
      visitor.post(group(groupId, "/invitations"), { email: "someone@school.example", role: "sender" }),
      visitor.delete(group(groupId, `/invitations/${MISSING_ID}`)),
      visitor.post("/api/v1/join", { code }),
      visitor.post("/api/v1/invitations/accept", { token: "x".repeat(43) }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
    expect(await senderCode()).toBe(code);
    expect(await pending(teacher)).toEqual([]);
  });

  it("answers 400 naming the id on every endpoint when an id is not an id", async () => {
    const calls: Array<[ReturnType<TestClient["get"]>, Record<string, string>]> = [
      [teacher.client.get(group("x", "/codes")), { groupId: "invalid" }],
      [teacher.client.post(group("x", "/codes/sender/rotate")), { groupId: "invalid" }],
      [teacher.client.patch(group("x", "/codes/sender"), { enabled: true }), { groupId: "invalid" }],
      [teacher.client.get(group("x", "/codes/sender/qr.svg")), { groupId: "invalid" }],
      [teacher.client.get(group("x", "/invitations")), { groupId: "invalid" }],
      [teacher.client.post(group("x", "/invitations"), { email: "a@school.example", role: "sender" }), { groupId: "invalid" }],
      [teacher.client.delete(group(groupId, "/invitations/x")), { invitationId: "invalid" }],
    ];
    for (const [pending, fields] of calls) {
      const res = await pending;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: "validation", message: expect.any(String), fields });
    }
  });

  describe("GET /groups/:groupId/codes", () => {
    it("shows the owner the sender and leader codes with their links", async () => {
      const res = await teacher.client.get(group(groupId, "/codes"));
      expect(res.statusCode).toBe(200);
      const codes = res.json().codes as Array<{ purpose: string; code: string; enabled: boolean; expiresAt: string | null; joinUrl: string }>;
      expect(codes.map((c) => [c.purpose, c.enabled, c.expiresAt])).toEqual([
        ["sender", true, null],
        ["leader", true, null],
      ]);
      for (const c of codes) {
        expect(c.code).toMatch(CODE_PATTERN);
        expect(c.joinUrl).toBe(`http://openloop.test/join/${c.code.replace("-", "")}`);
      }
    });

    it("shows a co-leader the sender code only: leader codes are the owner's to hand out", async () => {
      const res = await coLeader.client.get(group(groupId, "/codes"));
      expect(res.statusCode).toBe(200);
      expect(res.json().codes.map((c: { purpose: string }) => c.purpose)).toEqual(["sender"]);
    });

    it("is refused to senders, tutors and organisation administrators", async () => {
      for (const p of [student, tutor, admin]) {
        const res = await p.client.get(group(groupId, "/codes"));
        expect(res.statusCode, p.name).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "GET", group(foreignGroupId, "/codes"), group(MISSING_ID, "/codes"));
    });
  });

  describe("POST /join with a group code", () => {
    it("joins as sender with the code in any case, with or without the dash; joining again changes nothing", async () => {
      const code = await senderCode();
      const newcomer = await register(t, "Nora Newcomer");
      const first = await newcomer.client.post("/api/v1/join", { code: code.replace("-", "").toLowerCase() });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ kind: "group", organisationId: orgId, groupId, role: "sender" });
      expect(await myGroupIds(newcomer)).toEqual([groupId]);
      expect((await newcomer.client.get(group(groupId))).json().group).toMatchObject({ myRole: "sender", organisationName: "Solskolan" });
      // Joining makes a member of the organisation too.
      expect((await newcomer.client.get("/api/v1/organisations")).json().organisations.map((o: { id: string }) => o.id)).toEqual([orgId]);

      for (const again of [code, ` ${code.toLowerCase()} `, `${code.slice(0, 2)}-${code.slice(2)}`]) {
        const res = await newcomer.client.post("/api/v1/join", { code: again });
        expect(res.statusCode, again).toBe(200);
        expect(res.json()).toEqual(first.json());
      }
      const roles = await memberRoles(groupId);
      expect(roles[newcomer.id]).toBe("sender");
      expect(Object.keys(roles)).toHaveLength(5);
      const log = await auditLog(admin, orgId, { action: "join.", actorId: newcomer.id });
      expect(log.map((e) => [e.action, e.subjectType, e.subjectId, e.data.role])).toEqual([["join.by_code", "group", groupId, "sender"]]);
    });

    it("keeps a member's role when they enter the sender code", async () => {
      const res = await coLeader.client.post("/api/v1/join", { code: await senderCode() });
      expect(res.json()).toMatchObject({ groupId, role: "leader" });
      expect((await memberRoles(groupId))[coLeader.id]).toBe("leader");
    });

    it("joins as leader with the leader code", async () => {
      const leaderCode = (await groupCodes(teacher, groupId)).leader!;
      const assistant = await register(t, "Alva Assistant");
      expect(await join(assistant, leaderCode.toLowerCase())).toEqual({ kind: "group", organisationId: orgId, groupId, role: "leader" });
      const seen = (await assistant.client.get(group(groupId))).json().group;
      expect(seen).toMatchObject({ myRole: "leader", isOwner: false, abilities: { update: true, invite: true, manageMembers: false } });
    });

    it("refuses a wrong, switched-off or expired code with the same clear message, and records the refusal", async () => {
      const p = await register(t, "Wanda Wrong");
      const wrong = await p.client.post("/api/v1/join", { code: "ABCD-EFGH" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toEqual({ code: "invalid_code", message: expect.stringMatching(/code/i), fields: { code: "invalid" } });

      const code = await senderCode();
      const off = await teacher.client.patch(group(groupId, "/codes/sender"), { enabled: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ purpose: "sender", enabled: false, code });
      const switchedOff = await p.client.post("/api/v1/join", { code });
      expect(switchedOff.statusCode).toBe(400);
      expect(switchedOff.body).toBe(wrong.body);
      expect((await teacher.client.patch(group(groupId, "/codes/sender"), { enabled: true })).json().enabled).toBe(true);

      const inOneHour = new Date(t.clock().getTime() + 3600_000).toISOString();
      const expiring = await coLeader.client.patch(group(groupId, "/codes/sender"), { expiresAt: inOneHour });
      expect(expiring.statusCode, expiring.body).toBe(200);
      expect(expiring.json()).toMatchObject({ enabled: true, expiresAt: inOneHour });
      t.clock.advance(3600_000);
      const expired = await p.client.post("/api/v1/join", { code });
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toBe(wrong.body);
      expect(await myGroupIds(p)).toEqual([]);

      expect((await teacher.client.patch(group(groupId, "/codes/sender"), { expiresAt: null })).json().expiresAt).toBeNull();
      expect((await join(p, code)).role).toBe("sender");

      const refusals = (await auditRows(t.db.handle.db)).filter((r) => r.action === "join.code_refused" && r.actor_id === p.id);
      expect(refusals.map((r) => r.outcome)).toEqual(["denied", "denied", "denied"]);
      const changes = (await auditLog(admin, orgId, { action: "join" })).filter((e) => e.action === "join_code.updated" && e.data.purpose === "sender");
      expect(changes.map((e) => [e.actor?.id, e.data.enabled, e.data.expiresAt]).sort()).toEqual(
        [
          [teacher.id, false, null],
          [teacher.id, true, null],
          [coLeader.id, true, inOneHour],
          [teacher.id, true, null],
        ].sort(),
      );
    });

    it.each([
      [{}, { code: "required" }],
      [{ code: "ab1" }, { code: "too_short" }],
      [{ code: "A".repeat(21) }, { code: "too_long" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await student.client.post("/api/v1/join", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });
  });

  describe("rotating and changing codes", () => {
    it("rotates the sender code: the old one stops working at once", async () => {
      const old = await senderCode();
      const res = await coLeader.client.post(group(groupId, "/codes/sender/rotate"));
      expect(res.statusCode, res.body).toBe(200);
      const fresh = res.json();
      expect(fresh).toMatchObject({ purpose: "sender", enabled: true, expiresAt: null });
      expect(fresh.code).toMatch(CODE_PATTERN);
      expect(fresh.code).not.toBe(old);
      const p = await register(t, "Rita Rotated");
      const refused = await p.client.post("/api/v1/join", { code: old });
      expect(refused.json().error.code).toBe("invalid_code");
      expect((await join(p, fresh.code)).role).toBe("sender");
      const log = (await auditLog(admin, orgId, { action: "join" })).filter((e) => e.action === "join_code.rotated");
      expect(log[0]).toMatchObject({ actor: { id: coLeader.id, name: "Cecilia Co" }, subjectType: "group", subjectId: groupId, data: { purpose: "sender" } });
    });

    it("lets only the owner rotate, change or show the leader code", async () => {
      const leaderCode = (await groupCodes(teacher, groupId)).leader!;
      for (const res of [
        await coLeader.client.post(group(groupId, "/codes/leader/rotate")),
        await coLeader.client.patch(group(groupId, "/codes/leader"), { enabled: false }),
        await coLeader.client.get(group(groupId, "/codes/leader/qr.svg")),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
      expect((await groupCodes(teacher, groupId)).leader).toBe(leaderCode);
      const rotated = await teacher.client.post(group(groupId, "/codes/leader/rotate"));
      expect(rotated.statusCode).toBe(200);
      expect(rotated.json().code).not.toBe(leaderCode);
      const p = await register(t, "Late Leader");
      expect((await p.client.post("/api/v1/join", { code: leaderCode })).statusCode).toBe(400);
      expect((await join(p, rotated.json().code)).role).toBe("leader");
    });

    it("switching a code off is refused to senders and tutors", async () => {
      for (const p of [student, tutor]) {
        expect((await p.client.patch(group(groupId, "/codes/sender"), { enabled: false })).statusCode, p.name).toBe(403);
        expect((await p.client.post(group(groupId, "/codes/sender/rotate"))).statusCode, p.name).toBe(403);
      }
      expect((await teacher.client.get(group(groupId, "/codes"))).json().codes[0].enabled).toBe(true);
    });

    it.each([
      [{ expiresAt: "tomorrow" }, { expiresAt: "invalid" }],
      [{ expiresAt: "2026-09-02" }, { expiresAt: "invalid" }],
      [{ enabled: "off" }, { enabled: expect.any(String) }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await teacher.client.patch(group(groupId, "/codes/sender"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await teacher.client.get(group(groupId, "/codes"))).json().codes[0]).toMatchObject({ enabled: true, expiresAt: null });
    });

    it("takes an expiry with a time-zone offset and keeps it as the same instant in UTC", async () => {
      const res = await teacher.client.patch(group(groupId, "/codes/sender"), { expiresAt: "2026-09-02T10:00:00+02:00" });
      expect(res.statusCode).toBe(200);
      expect(res.json().expiresAt).toBe("2026-09-02T08:00:00.000Z");
      expect((await teacher.client.patch(group(groupId, "/codes/sender"), { expiresAt: null })).json().expiresAt).toBeNull();
    });

    it("answers 400 for a purpose that is not sender or leader", async () => {
      const res = await teacher.client.post(group(groupId, "/codes/teacher/rotate"));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields: { purpose: "invalid_value" } });
      expect((await teacher.client.get(group(groupId, "/codes/group_creator/qr.svg"))).json().error.fields).toEqual({ purpose: "invalid_value" });
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      const theirs = await groupCodes(outsider, foreignGroupId);
      await expectLikeMissing(teacher.client, "POST", group(foreignGroupId, "/codes/sender/rotate"), group(MISSING_ID, "/codes/sender/rotate"));
      await expectLikeMissing(teacher.client, "PATCH", group(foreignGroupId, "/codes/sender"), group(MISSING_ID, "/codes/sender"), { enabled: false });
      await expectLikeMissing(student.client, "PATCH", group(foreignGroupId, "/codes/leader"), group(MISSING_ID, "/codes/leader"), { enabled: true });
      expect(await groupCodes(outsider, foreignGroupId)).toEqual(theirs);
    });
  });

  describe("GET /groups/:groupId/codes/:purpose/qr.svg", () => {
    it("draws the join link as an SVG QR code, which changes when the code is rotated", async () => {
      const res = await coLeader.client.get(group(groupId, "/codes/sender/qr.svg"));
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^image\/svg\+xml/);
      expect(res.body).toContain("<svg");
      expect(res.body).not.toMatch(/<script/i);
      const again = await teacher.client.get(group(groupId, "/codes/sender/qr.svg"));
      expect(again.body).toBe(res.body);
      await teacher.client.post(group(groupId, "/codes/sender/rotate"));
      expect((await teacher.client.get(group(groupId, "/codes/sender/qr.svg"))).body).not.toBe(res.body);
      const leaderQr = await teacher.client.get(group(groupId, "/codes/leader/qr.svg"));
      expect(leaderQr.statusCode).toBe(200);
      expect(leaderQr.body).toContain("<svg");
    });

    it("is refused to senders and tutors", async () => {
      for (const p of [student, tutor]) expect((await p.client.get(group(groupId, "/codes/sender/qr.svg"))).statusCode, p.name).toBe(403);
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "GET", group(foreignGroupId, "/codes/sender/qr.svg"), group(MISSING_ID, "/codes/sender/qr.svg"));
    });
  });

  describe("e-mail invitations", () => {
    it("invites by e-mail; the invitee registers through the link and lands in the group with the role", async () => {
      const email = uniqueEmail("invited");
      const since = t.smtp.messages.length;
      const res = await coLeader.client.post(group(groupId, "/invitations"), { email, role: "sender" });
      expect(res.statusCode, res.body).toBe(201);
      const invitation = res.json();
      expect(invitation).toMatchObject({ email, role: "sender" });
      expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(INVITATION_TTL_DAYS * 86400_000);
      for (const viewer of [coLeader, teacher]) expect((await pending(viewer)).map((i) => i.id), viewer.name).toContain(invitation.id);

      const mail = await mailTo(t, email, since);
      expect(mail.subject).toContain("7B");
      expect(mail.text).toContain("Cecilia Co");
      expect(new URL(linkIn(mail, "/invitations/accept?token=")).origin).toBe("http://openloop.test");
      const invitee = await register(t, "Ida Invited", { email });
      const joined = await acceptInvitation(invitee, invitationToken(mail));
      expect(joined).toEqual({ kind: "group", organisationId: orgId, groupId, role: "sender" });
      expect(await myGroupIds(invitee)).toEqual([groupId]);
      expect((await pending(teacher)).map((i) => i.id)).not.toContain(invitation.id);

      const reuse = await invitee.client.post("/api/v1/invitations/accept", { token: invitationToken(mail) });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().error.code).toBe("invalid_token");
      const log = await auditLog(admin, orgId, { action: "invitation." });
      expect(log).toContainEqual(expect.objectContaining({ action: "invitation.created", subjectId: invitation.id, actor: { id: coLeader.id, name: "Cecilia Co" }, data: { purpose: "sender", groupId } }));
      expect(log).toContainEqual(expect.objectContaining({ action: "invitation.accepted", subjectId: invitation.id, actor: { id: invitee.id, name: "Ida Invited" } }));
    });

    it("lets only the owner invite leaders and tutors; a tutor joins without joining the organisation", async () => {
      const before = t.smtp.messages.length;
      for (const role of ["leader", "tutor"]) {
        const refused = await coLeader.client.post(group(groupId, "/invitations"), { email: uniqueEmail("refused"), role });
        expect(refused.statusCode, role).toBe(403);
      }
      expect(t.smtp.messages.length).toBe(before);

      const newLeader = await register(t, "Lena Leader");
      const asLeader = await inviteToGroup(t, teacher, groupId, newLeader.email, "leader");
      expect((await acceptInvitation(newLeader, asLeader.token)).role).toBe("leader");
      expect((await newLeader.client.get(group(groupId))).json().group.myRole).toBe("leader");

      const external = await register(t, "Erik External");
      const asTutor = await inviteToGroup(t, teacher, groupId, external.email, "tutor");
      expect((await acceptInvitation(external, asTutor.token)).role).toBe("tutor");
      expect(await myGroupIds(external)).toEqual([groupId]);
      expect((await external.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
    });

    it("replaces an earlier pending invitation to the same address", async () => {
      const email = uniqueEmail("twice");
      const first = await inviteToGroup(t, teacher, groupId, email, "sender");
      const second = await inviteToGroup(t, teacher, groupId, email, "sender");
      expect((await pending(teacher)).filter((i) => i.email === email).map((i) => i.id)).toEqual([second.invitationId]);
      const p = await register(t, "Twice Invited", { email });
      expect((await p.client.post("/api/v1/invitations/accept", { token: first.token })).json().error.code).toBe("invalid_token");
      expect((await acceptInvitation(p, second.token)).role).toBe("sender");
    });

    it("is refused to senders, tutors and organisation administrators", async () => {
      for (const p of [student, tutor, admin]) {
        expect((await p.client.get(group(groupId, "/invitations"))).statusCode, p.name).toBe(403);
        expect((await p.client.post(group(groupId, "/invitations"), { email: uniqueEmail("nope"), role: "sender" })).statusCode, p.name).toBe(403);
      }
    });

    it("refuses a token that was never issued", async () => {
      const res = await student.client.post("/api/v1/invitations/accept", { token: "q".repeat(43) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid_token");
    });

    it.each([
      [{ role: "sender" }, { email: "required" }],
      [{ email: "not-an-address", role: "sender" }, { email: "invalid_email" }],
      [{ email: "ok@school.example", role: "owner" }, { role: "invalid_value" }],
      [{ email: "ok@school.example" }, { role: expect.any(String) }],
    ])("POST /groups/:groupId/invitations answers 400 with the field for %j", async (body, fields) => {
      const res = await teacher.client.post(group(groupId, "/invitations"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it.each([
      [{}, { token: "required" }],
      [{ token: "short" }, { token: "too_short" }],
      [{ token: "t".repeat(201) }, { token: "too_long" }],
    ])("POST /invitations/accept answers 400 with the field for %j", async (body, fields) => {
      const res = await student.client.post("/api/v1/invitations/accept", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "GET", group(foreignGroupId, "/invitations"), group(MISSING_ID, "/invitations"));
      const before = t.smtp.messages.length;
      await expectLikeMissing(teacher.client, "POST", group(foreignGroupId, "/invitations"), group(MISSING_ID, "/invitations"), { email: uniqueEmail("x"), role: "sender" });
      expect(t.smtp.messages.length).toBe(before);
      expect(await pending(outsider, foreignGroupId)).toEqual([]);
    });
  });

  describe("revoking invitations", () => {
    it("withdraws a pending invitation: it leaves the list and its link stops working", async () => {
      const email = uniqueEmail("revoked");
      const { invitationId, token } = await inviteToGroup(t, teacher, groupId, email, "sender");
      expect((await student.client.delete(group(groupId, `/invitations/${invitationId}`))).statusCode).toBe(403);
      const res = await coLeader.client.delete(group(groupId, `/invitations/${invitationId}`));
      expect(res.statusCode, res.body).toBe(204);
      expect((await pending(teacher)).map((i) => i.id)).not.toContain(invitationId);
      const p = await register(t, "Rolf Revoked", { email });
      const refused = await p.client.post("/api/v1/invitations/accept", { token });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe("invalid_token");
      expect(await myGroupIds(p)).toEqual([]);
      await expectLikeMissing(teacher.client, "DELETE", group(groupId, `/invitations/${invitationId}`), group(groupId, `/invitations/${MISSING_ID}`));
      const log = await auditLog(admin, orgId, { action: "invitation.revoked" });
      expect(log).toContainEqual(expect.objectContaining({ subjectId: invitationId, actor: { id: coLeader.id, name: "Cecilia Co" } }));
    });

    it("answers another group's invitation, or a foreign group, exactly like a non-existent one", async () => {
      const { invitationId } = await inviteToGroup(t, outsider, foreignGroupId, uniqueEmail("berg"), "sender");
      await expectLikeMissing(teacher.client, "DELETE", group(groupId, `/invitations/${invitationId}`), group(groupId, `/invitations/${MISSING_ID}`));
      await expectLikeMissing(teacher.client, "DELETE", group(foreignGroupId, `/invitations/${invitationId}`), group(MISSING_ID, `/invitations/${invitationId}`));
      expect((await pending(outsider, foreignGroupId)).map((i) => i.id)).toEqual([invitationId]);
    });

    it("answers 400 for an invitation id that is not an id", async () => {
      const res = await teacher.client.delete(group(groupId, "/invitations/latest"));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ invitationId: "invalid" });
    });
  });
});

describe(`invitation expiry (${INVITATION_TTL_DAYS} days)`, () => {
  let clockApp: TestApp;
  beforeAll(async () => {
    clockApp = await createTestApp();
  });
  afterAll(async () => {
    await clockApp?.close();
  });

  it("accepts an invitation until it expires, refuses it after, and drops it from the pending list", async () => {
    const owner = await register(clockApp, "Owen Owner");
    const id = await createGroup(owner, await createOrganisation(owner, "Klockskolan"), { name: "Clock class" });
    const early = await inviteToGroup(clockApp, owner, id, "early@school.example", "sender");
    const late = await inviteToGroup(clockApp, owner, id, "late@school.example", "sender");
    expect((await owner.client.get(group(id, "/invitations"))).json().invitations).toHaveLength(2);

    clockApp.clock.advance(INVITATION_TTL_DAYS * 86400_000 - 60_000);
    const first = await register(clockApp, "Early Bird", { email: "early@school.example" });
    expect((await acceptInvitation(first, early.token)).groupId).toBe(id);
    clockApp.clock.advance(120_000);
    const second = await register(clockApp, "Late Comer", { email: "late@school.example" });
    const refused = await second.client.post("/api/v1/invitations/accept", { token: late.token });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("invalid_token");
    expect((await second.client.get("/api/v1/groups")).json().groups).toEqual([]);

    // The owner's session ran out meanwhile (idle timeout); signed in again, nothing is pending.
    expect((await owner.client.signIn(owner.email, DEFAULT_PASSWORD)).statusCode).toBe(200);
    expect((await owner.client.get(group(id, "/invitations"))).json().invitations).toEqual([]);
  });
});

describe(`join rate limit (${JOIN_CODE_PER_USER.points} tries per person)`, () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ rateLimits: { joinCodePerUser: { points: JOIN_CODE_PER_USER.points, windowSeconds: 2 } } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it(`answers try ${JOIN_CODE_PER_USER.points + 1} with 429 even for the right code, spares others, and recovers`, async () => {
    const owner = await register(limited, "Rate Owner");
    const id = await createGroup(owner, await createOrganisation(owner, "Gräns"), { name: "Limited" });
    const code = (await groupCodes(owner, id)).sender!;
    const guesser = await register(limited, "Gus Guesser");
    for (let i = 0; i < JOIN_CODE_PER_USER.points; i++) {
      const res = await guesser.client.post("/api/v1/join", { code: `WRNG-${String(i).padStart(4, "A")}` });
      expect(res.statusCode, `try ${i + 1}`).toBe(400);
    }
    const blocked = await guesser.client.post("/api/v1/join", { code });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await guesser.client.get("/api/v1/groups")).json().groups).toEqual([]);

    const classmate = await register(limited, "Clara Classmate");
    expect((await join(classmate, code)).groupId).toBe(id);

    await new Promise((r) => setTimeout(r, 2100));
    expect((await join(guesser, code)).groupId).toBe(id);
  });
});

describe("joining: owner-only invitations, refused codes and the try budget", () => {
  it("lets a co-leader withdraw sender invitations but not the owner's leader invitation", async () => {
    const email = uniqueEmail("future.leader");
    const inv = expectStatus<{ id: string }>(await teacher.client.post(group(groupId, "/invitations"), { email, role: "leader" }), 201);
    expect((await coLeader.client.delete(group(groupId, `/invitations/${inv.id}`))).statusCode).toBe(403);
    expect((await pending(teacher)).some((i) => i.id === inv.id)).toBe(true);
    const senderInv = expectStatus<{ id: string }>(await coLeader.client.post(group(groupId, "/invitations"), { email: uniqueEmail("pupil"), role: "sender" }), 201);
    // The list says so too, so the page offers "withdraw" only where it will work.
    const seen = (await coLeader.client.get(group(groupId, "/invitations"))).json().invitations as Array<{ id: string; abilities: { withdraw: boolean } }>;
    expect(seen.find((i) => i.id === inv.id)?.abilities.withdraw).toBe(false);
    expect(seen.find((i) => i.id === senderInv.id)?.abilities.withdraw).toBe(true);
    const ownerView = (await teacher.client.get(group(groupId, "/invitations"))).json().invitations as Array<{ id: string; abilities: { withdraw: boolean } }>;
    expect(ownerView.find((i) => i.id === inv.id)?.abilities.withdraw).toBe(true);
    expect((await coLeader.client.delete(group(groupId, `/invitations/${senderInv.id}`))).statusCode).toBe(204);
  });

  it("marks on each member whether the actor may change their role or remove them (never the owner)", async () => {
    type M = { userId: string; abilities: { changeRole: boolean; remove: boolean } };
    const byOwner = (await teacher.client.get(group(groupId, "/members"))).json().members as M[];
    expect(byOwner.find((m) => m.userId === teacher.id)?.abilities).toEqual({ changeRole: false, remove: false });
    expect(byOwner.find((m) => m.userId === student.id)?.abilities).toEqual({ changeRole: true, remove: true });
    const byCoLeader = (await coLeader.client.get(group(groupId, "/members"))).json().members as M[];
    expect(byCoLeader.every((m) => !m.abilities.changeRole && !m.abilities.remove)).toBe(true);
  });

  it("records a refused code for an inactive group in the audit log, and answers like any wrong code", async () => {
    const throwaway = await createGroup(teacher, orgId, { name: "Closing soon" });
    const code = (await groupCodes(teacher, throwaway)).sender!;
    expectStatus(await teacher.client.post(group(throwaway, "/inactivate")), 200);
    const newcomer = await register(t, "Nils Newcomer");
    const res = await newcomer.client.post("/api/v1/join", { code });
    const wrong = await newcomer.client.post("/api/v1/join", { code: "ZZZZ-ZZZZ" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual(wrong.json());
    const refusals = (await auditRows(t.db.handle.db)).filter((r) => r.actor_id === newcomer.id && r.action === "join.code_refused");
    expect(refusals.map((r) => r.outcome)).toEqual(["denied", "denied"]);
  });

  it("does not count a code that worked against the person's tries", async () => {
    const app = await createTestApp({ rateLimits: { joinCodePerUser: { points: 2, windowSeconds: 60 } } });
    try {
      const owner = await register(app, "Olga Owner");
      const orgOfApp = await createOrganisation(owner, "Tryskolan");
      const codes = await Promise.all(["A", "B", "C"].map(async (n) => (await groupCodes(owner, await createGroup(owner, orgOfApp, { name: n }))).sender!));
      const pupil = await register(app, "Pia Pupil");
      for (const code of codes) expect((await pupil.client.post("/api/v1/join", { code })).statusCode).toBe(200);
      expect((await pupil.client.post("/api/v1/join", { code: "ZZZZ-ZZZZ" })).statusCode).toBe(400);
      expect((await pupil.client.post("/api/v1/join", { code: "ZZZZ-ZZZY" })).statusCode).toBe(400);
      expect((await pupil.client.post("/api/v1/join", { code: "ZZZZ-ZZZX" })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
