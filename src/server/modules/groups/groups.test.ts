import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import {
  addTutor,
  auditLog,
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectStatus,
  groupCodes,
  join,
  makeGroupCreator,
  MISSING_ID,
  register,
  type Person,
  expectLikeMissing,
} from "../../../../test/helpers/world.js";

let t: TestApp;
/** Administrator of Solskolan (orgId), in none of its groups. */
let admin: Person;
/** Group creator; owner of 7B (groupId). */
let teacher: Person;
/** Leader of 7B (joined with the leader code). */
let coLeader: Person;
/** Sender of 7B. */
let student: Person;
/** Tutor of 7B: no organisation membership. */
let tutor: Person;
/** Member of Solskolan through another group (8A), not of 7B. */
let orgMember: Person;
/** Administrator of Bergskolan and owner of its group. */
let outsider: Person;
let orgId: string;
let otherOrgId: string;
let groupId: string;
let otherGroupId: string;
let foreignGroupId: string;

const group = (id: string, rest = "") => `/api/v1/groups/${id}${rest}`;

const ABILITIES = {
  sender: { update: false, readMembers: false, manageMembers: false, invite: false, inviteLeaders: false, transfer: false, setActive: false, leave: true, manageTasks: false, sendLoop: true, sendAnonymous: true, readLoops: false, publish: false, readPosts: true, readStatistics: false, readRetentionQueue: false, exportGroup: false },
  leader: { update: true, readMembers: true, manageMembers: false, invite: true, inviteLeaders: false, transfer: false, setActive: false, leave: true, manageTasks: true, sendLoop: false, sendAnonymous: false, readLoops: true, publish: true, readPosts: true, readStatistics: true, readRetentionQueue: true, exportGroup: false },
  // Tutors read and answer loops but leave the tasks to the group's own leaders.
  tutor: { update: false, readMembers: true, manageMembers: false, invite: false, inviteLeaders: false, transfer: false, setActive: false, leave: true, manageTasks: false, sendLoop: false, sendAnonymous: false, readLoops: true, publish: false, readPosts: true, readStatistics: true, readRetentionQueue: false, exportGroup: false },
  // The owner may ask to leave; the answer is 409 owner_must_transfer until they hand the group over.
  owner: { update: true, readMembers: true, manageMembers: true, invite: true, inviteLeaders: true, transfer: true, setActive: true, leave: true, manageTasks: true, sendLoop: false, sendAnonymous: false, readLoops: true, publish: true, readPosts: true, readStatistics: true, readRetentionQueue: true, exportGroup: true },
  // An administrator outside the group sees none of its loops.
  orgAdmin: { update: false, readMembers: true, manageMembers: false, invite: false, inviteLeaders: false, transfer: true, setActive: true, leave: false, manageTasks: false, sendLoop: false, sendAnonymous: false, readLoops: false, publish: false, readPosts: false, readStatistics: false, readRetentionQueue: false, exportGroup: false },
};

beforeAll(async () => {
  t = await createTestApp();
  await register(t, "Ingrid Instance");
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  outsider = await register(t, "Olof Outsider");
  otherOrgId = await createOrganisation(outsider, "Bergskolan");
  foreignGroupId = await createGroup(outsider, otherOrgId, { name: "Berg 1" });
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  coLeader = await register(t, "Cecilia Co");
  await join(coLeader, await enableLeaderCode(teacher, groupId));
  student = await register(t, "Sam Student");
  await join(student, (await groupCodes(teacher, groupId)).sender!);
  tutor = await register(t, "Tage Tutor");
  await addTutor(t, teacher, groupId, tutor);
  orgMember = await register(t, "Maja Member");
  otherGroupId = await createGroup(teacher, orgId, { name: "8A" });
  await join(orgMember, (await groupCodes(teacher, otherGroupId)).sender!);
});
afterAll(async () => {
  await t?.close();
});


/** A fresh hierarchical group of Solskolan owned by the teacher, with a leader, a sender and a tutor. */
async function populatedGroup(name: string) {
  const id = await createGroup(teacher, orgId, { name });
  const leader = await register(t, `${name} Leader`);
  await join(leader, await enableLeaderCode(teacher, id));
  const sender = await register(t, `${name} Sender`);
  const senderCode = (await groupCodes(teacher, id)).sender!;
  await join(sender, senderCode);
  const groupTutor = await register(t, `${name} Tutor`);
  await addTutor(t, teacher, id, groupTutor);
  return { id, leader, sender, tutor: groupTutor, senderCode };
}

const myGroups = async (p: Person) => (await p.client.get("/api/v1/groups")).json().groups as Array<{ id: string; name: string; myRole: string | null; active: boolean }>;
const memberRoles = async (viewer: Person, id: string) =>
  Object.fromEntries((expectStatus(await viewer.client.get(group(id, "/members")), 200).members as Array<{ userId: string; role: string }>).map((m) => [m.userId, m.role]));

describe("groups API", () => {
  it("should require authentication on every group endpoint", async () => {
    const visitor = t.client();
    const calls = [
      visitor.post(`/api/v1/organisations/${orgId}/groups`, { name: "X", type: "flat", hasStudentMembers: false }),
      visitor.get("/api/v1/groups"),
      visitor.get(group(groupId)),
      visitor.patch(group(groupId), { name: "X" }),
      visitor.post(group(groupId, "/inactivate")),
      visitor.post(group(groupId, "/reactivate")),
      visitor.post(group(groupId, "/transfer"), { userId: coLeader.id }),
      visitor.get(group(groupId, "/members")),
      visitor.patch(group(groupId, `/members/${student.id}`), { role: "leader" }),
      visitor.delete(group(groupId, `/members/${student.id}`)),
      visitor.post(group(groupId, "/leave")),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
    expect(await memberRoles(teacher, groupId)).toEqual({ [teacher.id]: "leader", [coLeader.id]: "leader", [student.id]: "sender", [tutor.id]: "tutor" });
    expect((await teacher.client.get(group(groupId))).json().group).toMatchObject({ name: "7B", active: true, ownerId: teacher.id });
  });

  it("answers 400 naming the id on every endpoint when an id is not an id", async () => {
    const calls: Array<[ReturnType<TestClient["get"]>, Record<string, string>]> = [
      [teacher.client.post("/api/v1/organisations/x/groups", { name: "X", type: "flat", hasStudentMembers: false }), { orgId: "invalid" }],
      [teacher.client.get(group("x")), { groupId: "invalid" }],
      [teacher.client.patch(group("x"), { name: "X" }), { groupId: "invalid" }],
      [teacher.client.post(group("x", "/inactivate")), { groupId: "invalid" }],
      [teacher.client.post(group("x", "/reactivate")), { groupId: "invalid" }],
      [teacher.client.post(group("x", "/transfer"), { userId: coLeader.id }), { groupId: "invalid" }],
      [teacher.client.get(group("x", "/members")), { groupId: "invalid" }],
      [teacher.client.patch(group(groupId, "/members/x"), { role: "leader" }), { userId: "invalid" }],
      [teacher.client.delete(group(groupId, "/members/x")), { userId: "invalid" }],
      [teacher.client.post(group("x", "/leave")), { groupId: "invalid" }],
    ];
    for (const [pending, fields] of calls) {
      const res = await pending;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: "validation", message: expect.any(String), fields });
    }
    expect((await teacher.client.get(group(groupId))).json().group).toMatchObject({ active: true, ownerId: teacher.id });
  });

  describe("POST /organisations/:orgId/groups", () => {
    it("creates a student group with school role titles; its creator is owner and leader", async () => {
      const res = await teacher.client.post(`/api/v1/organisations/${orgId}/groups`, {
        name: " 9C ",
        description: "Swedish, spring term",
        type: "hierarchical",
        hasStudentMembers: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json().group;
      expect(created).toMatchObject({
        organisationId: orgId,
        organisationName: "Solskolan",
        name: "9C",
        description: "Swedish, spring term",
        type: "hierarchical",
        hasStudentMembers: true,
        roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
        active: true,
        ownerId: teacher.id,
        myRole: "leader",
        isOwner: true,
      });
      expect(created.abilities).toEqual(ABILITIES.owner);
      const members = (await teacher.client.get(group(created.id, "/members"))).json().members;
      expect(members).toEqual([expect.objectContaining({ userId: teacher.id, name: "Tove Teacher", role: "leader", owner: true })]);
      expect((await myGroups(teacher)).map((g) => g.id)).toContain(created.id);
      // A sender code is ready at once.
      expect(Object.keys(await groupCodes(teacher, created.id))).toEqual(["sender"]);
      const log = await auditLog(admin, orgId, { action: "group.created" });
      expect(log).toContainEqual(expect.objectContaining({ subjectId: created.id, actor: { id: teacher.id, name: "Tove Teacher" }, outcome: "success" }));
    });

    it("gives a group of adults the titles Leader and Co-worker, and keeps chosen titles", async () => {
      const adults = await teacher.client.post(`/api/v1/organisations/${orgId}/groups`, { name: "Staff", type: "flat", hasStudentMembers: false });
      expect(adults.json().group).toMatchObject({
        type: "flat",
        description: "",
        roleTitles: { leader: { en: "Leader", sv: "Ledare" }, sender: { en: "Co-worker", sv: "Medarbetare" } },
      });
      const chosen = await teacher.client.post(`/api/v1/organisations/${orgId}/groups`, {
        name: "Choir",
        type: "hierarchical",
        hasStudentMembers: false,
        roleTitles: { leader: { en: " Conductor ", sv: "Dirigent" }, sender: { en: "Singer", sv: "Sångare" } },
      });
      expect(chosen.statusCode, chosen.body).toBe(201);
      expect(chosen.json().group.roleTitles).toEqual({ leader: { en: "Conductor", sv: "Dirigent" }, sender: { en: "Singer", sv: "Sångare" } });
      expect((await teacher.client.get(group(chosen.json().group.id))).json().group.roleTitles.leader.en).toBe("Conductor");
    });

    it("lets an organisation administrator create a group, but not a member who is no group creator", async () => {
      const byAdmin = await admin.client.post(`/api/v1/organisations/${orgId}/groups`, { name: "Admin's group", type: "flat", hasStudentMembers: false });
      expect(byAdmin.statusCode).toBe(201);
      expect(byAdmin.json().group).toMatchObject({ ownerId: admin.id, myRole: "leader" });
      const before = await myGroups(student);
      const refused = await student.client.post(`/api/v1/organisations/${orgId}/groups`, { name: "Student's group", type: "flat", hasStudentMembers: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe("forbidden");
      expect(await myGroups(student)).toEqual(before);
    });

    const valid = { name: "Valid", type: "hierarchical", hasStudentMembers: true };
    it.each([
      [{ type: "flat", hasStudentMembers: true }, { name: "required" }],
      [{ ...valid, name: " " }, { name: "too_short" }],
      [{ ...valid, name: "n".repeat(121) }, { name: "too_long" }],
      [{ ...valid, name: "Tab\u0007bell" }, { name: "invalid" }],
      [{ ...valid, description: "d".repeat(2001) }, { description: "too_long" }],
      [{ ...valid, type: "circle" }, { type: "invalid_value" }],
      [{ name: "Valid", type: "flat" }, { hasStudentMembers: "required" }],
      [{ ...valid, roleTitles: { leader: { en: "Coach", sv: "" }, sender: { en: "Player", sv: "Spelare" } } }, { "roleTitles.leader.sv": "too_short" }],
      [{ ...valid, roleTitles: { leader: { en: "Coach", sv: "Tränare" }, sender: { en: "x".repeat(41), sv: "Spelare" } } }, { "roleTitles.sender.en": "too_long" }],
    ])("answers 400 with the field for %j and creates nothing", async (body, fields) => {
      const before = (await myGroups(teacher)).length;
      const res = await teacher.client.post(`/api/v1/organisations/${orgId}/groups`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await myGroups(teacher)).length).toBe(before);
    });

    it("answers another organisation's id exactly like a non-existent one", async () => {
      const body = { name: "Sneaky", type: "flat", hasStudentMembers: false };
      await expectLikeMissing(teacher.client, "POST", `/api/v1/organisations/${otherOrgId}/groups`, `/api/v1/organisations/${MISSING_ID}/groups`, body);
      expect((await myGroups(outsider)).map((g) => g.name)).toEqual(["Berg 1"]);
    });
  });

  describe("GET /groups and GET /groups/:groupId", () => {
    it("shows each person their groups with their role and the abilities that role has", async () => {
      const cases: Array<[Person, string | null, keyof typeof ABILITIES]> = [
        [student, "sender", "sender"],
        [coLeader, "leader", "leader"],
        [tutor, "tutor", "tutor"],
        [teacher, "leader", "owner"],
        [admin, null, "orgAdmin"],
      ];
      for (const [p, role, abilities] of cases) {
        const listed = (await p.client.get("/api/v1/groups")).json().groups.find((g: { id: string }) => g.id === groupId);
        expect(listed, p.name).toMatchObject({ name: "7B", organisationName: "Solskolan", myRole: role, isOwner: p === teacher, abilities: ABILITIES[abilities] });
        const one = await p.client.get(group(groupId));
        expect(one.statusCode).toBe(200);
        expect(one.json().group).toEqual(listed);
      }
    });

    it("lists an organisation administrator every group of the organisation, and others only their own", async () => {
      expect((await myGroups(admin)).map((g) => g.name)).toEqual(expect.arrayContaining(["7B", "8A"]));
      expect((await myGroups(orgMember)).map((g) => g.name)).toEqual(["8A"]);
      expect((await myGroups(student)).map((g) => g.name)).toEqual(["7B"]);
      expect((await myGroups(outsider)).map((g) => g.name)).toEqual(["Berg 1"]);
    });

    it("answers a group of another organisation, or one I am not in, exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "GET", group(foreignGroupId), group(MISSING_ID));
      await expectLikeMissing(orgMember.client, "GET", group(groupId), group(MISSING_ID));
      await expectLikeMissing(outsider.client, "GET", group(groupId), group(MISSING_ID));
    });

    it("answers 400 for an id that is not an id", async () => {
      const res = await teacher.client.get(group("7B"));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields: { groupId: "invalid" } });
    });
  });

  describe("PATCH /groups/:groupId", () => {
    it("lets the owner and a leader change name, description, type, flag and titles", async () => {
      const res = await coLeader.client.patch(group(groupId), {
        name: "7B Swedish",
        description: "Line one\nLine two",
        roleTitles: { leader: { en: "Mentor", sv: "Mentor" }, sender: { en: "Pupil", sv: "Elev" } },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().group).toMatchObject({ name: "7B Swedish", description: "Line one\nLine two", myRole: "leader" });
      const seen = (await student.client.get(group(groupId))).json().group;
      expect(seen).toMatchObject({ name: "7B Swedish", roleTitles: { leader: { en: "Mentor", sv: "Mentor" }, sender: { en: "Pupil", sv: "Elev" } } });
      const back = await teacher.client.patch(group(groupId), {
        name: "7B",
        description: "",
        type: "hierarchical",
        hasStudentMembers: true,
        roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
      });
      expect(back.statusCode).toBe(200);
      expect((await student.client.get(group(groupId))).json().group.name).toBe("7B");
      const log = await auditLog(admin, orgId, { action: "group.updated" });
      expect(log).toContainEqual(
        expect.objectContaining({ actor: { id: coLeader.id, name: "Cecilia Co" }, subjectId: groupId, data: { fields: "name,description,leader_title_en,leader_title_sv,sender_title_en,sender_title_sv" } }),
      );
    });

    it("is refused to a sender, a tutor and an organisation administrator", async () => {
      for (const p of [student, tutor, admin]) {
        const res = await p.client.patch(group(groupId), { name: "Renamed" });
        expect(res.statusCode, p.name).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
      expect((await teacher.client.get(group(groupId))).json().group.name).toBe("7B");
      const denied = await auditLog(admin, orgId, { action: "group.update", actorId: tutor.id });
      expect(denied).toContainEqual(expect.objectContaining({ action: "group.update", outcome: "denied", subjectId: groupId }));
    });

    it.each([
      [{ name: "" }, { name: "too_short" }],
      [{ name: "x".repeat(121) }, { name: "too_long" }],
      [{ description: "x".repeat(2001) }, { description: "too_long" }],
      [{ description: "bell\u0007" }, { description: "invalid" }],
      [{ type: "pyramid" }, { type: "invalid_value" }],
      [{ roleTitles: { leader: { en: "Only English" } } }, { "roleTitles.leader.sv": "required" }],
    ])("answers 400 with the field for %j and changes nothing", async (body, fields) => {
      const res = await teacher.client.patch(group(groupId), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await teacher.client.get(group(groupId))).json().group).toMatchObject({ name: "7B", description: "", type: "hierarchical" });
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "PATCH", group(foreignGroupId), group(MISSING_ID), { name: "Mine" });
      await expectLikeMissing(orgMember.client, "PATCH", group(groupId), group(MISSING_ID), { name: "Mine" });
      expect((await outsider.client.get(group(foreignGroupId))).json().group.name).toBe("Berg 1");
    });
  });

  describe("GET /groups/:groupId/members", () => {
    it("shows leaders, tutors, the owner and the organisation administrator who is in the group, with roles", async () => {
      for (const p of [coLeader, tutor, teacher, admin]) {
        const res = await p.client.get(group(groupId, "/members"));
        expect(res.statusCode, p.name).toBe(200);
        const members = res.json().members;
        expect(members).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ userId: teacher.id, name: "Tove Teacher", role: "leader", owner: true, pictureUrl: null }),
            expect.objectContaining({ userId: coLeader.id, role: "leader", owner: false }),
            expect.objectContaining({ userId: student.id, name: "Sam Student", role: "sender", owner: false }),
            expect.objectContaining({ userId: tutor.id, role: "tutor", owner: false }),
          ]),
        );
        expect(members).toHaveLength(4);
      }
    });

    it("is refused to senders of a hierarchical group, and open to peers of a flat group", async () => {
      const refused = await student.client.get(group(groupId, "/members"));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe("forbidden");

      const flatId = await createGroup(teacher, orgId, { name: "Reading circle", type: "flat", hasStudentMembers: true });
      const code = (await groupCodes(teacher, flatId)).sender!;
      const peerA = await register(t, "Peer Anna");
      const peerB = await register(t, "Peer Bo");
      await join(peerA, code);
      await join(peerB, code);
      const flat = (await peerA.client.get(group(flatId))).json().group;
      expect(flat.abilities).toMatchObject({ readMembers: true, manageMembers: false, update: false });
      const res = await peerA.client.get(group(flatId, "/members"));
      expect(res.statusCode).toBe(200);
      expect(res.json().members.map((m: { name: string }) => m.name).sort()).toEqual(["Peer Anna", "Peer Bo", "Tove Teacher"]);
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "GET", group(foreignGroupId, "/members"), group(MISSING_ID, "/members"));
      await expectLikeMissing(orgMember.client, "GET", group(groupId, "/members"), group(MISSING_ID, "/members"));
    });
  });

  describe("PATCH /groups/:groupId/members/:userId", () => {
    it("lets the owner change a member's role, which changes what they may do", async () => {
      const g = await populatedGroup("Roles");
      const res = await teacher.client.patch(group(g.id, `/members/${g.sender.id}`), { role: "leader" });
      expect(res.statusCode, res.body).toBe(204);
      const promoted = (await g.sender.client.get(group(g.id))).json().group;
      expect(promoted).toMatchObject({ myRole: "leader", abilities: ABILITIES.leader });
      expect((await g.sender.client.get(group(g.id, "/members"))).statusCode).toBe(200);
      expect((await teacher.client.patch(group(g.id, `/members/${g.sender.id}`), { role: "sender" })).statusCode).toBe(204);
      expect((await g.sender.client.get(group(g.id, "/members"))).statusCode).toBe(403);
      const log = (await auditLog(admin, orgId, { action: "group.member", actorId: teacher.id })).filter((e) => e.subjectId === g.sender.id);
      expect(log.map((e) => [e.action, e.data.from, e.data.to])).toEqual(
        expect.arrayContaining([
          ["group.member_role_changed", "sender", "leader"],
          ["group.member_role_changed", "leader", "sender"],
        ]),
      );
    });

    it("keeps the owner a leader: 409 owner_must_transfer", async () => {
      const res = await teacher.client.patch(group(groupId, `/members/${teacher.id}`), { role: "sender" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("owner_must_transfer");
      expect((await teacher.client.get(group(groupId))).json().group).toMatchObject({ myRole: "leader", isOwner: true });
    });

    it("is refused to anyone but the owner", async () => {
      for (const p of [coLeader, tutor, student, admin]) {
        expect((await p.client.patch(group(groupId, `/members/${student.id}`), { role: "leader" })).statusCode, p.name).toBe(403);
      }
      expect((await memberRoles(teacher, groupId))[student.id]).toBe("sender");
    });

    it.each([
      [{}, { role: "required" }],
      [{ role: "admin" }, { role: "invalid_value" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await teacher.client.patch(group(groupId, `/members/${student.id}`), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("answers 400 for a user id that is not an id", async () => {
      expect((await teacher.client.patch(group(groupId, "/members/sam"), { role: "leader" })).json().error.fields).toEqual({ userId: "invalid" });
    });

    it("answers someone who is not in the group, or a foreign group, exactly like a non-existent id", async () => {
      await expectLikeMissing(teacher.client, "PATCH", group(groupId, `/members/${orgMember.id}`), group(groupId, `/members/${MISSING_ID}`), { role: "leader" });
      await expectLikeMissing(teacher.client, "PATCH", group(foreignGroupId, `/members/${outsider.id}`), group(MISSING_ID, `/members/${outsider.id}`), { role: "sender" });
      expect(await myGroups(orgMember)).toEqual([expect.objectContaining({ name: "8A" })]);
    });
  });

  describe("DELETE /groups/:groupId/members/:userId", () => {
    it("lets the owner remove a member, who then loses the group", async () => {
      const g = await populatedGroup("Removal");
      const res = await teacher.client.delete(group(g.id, `/members/${g.sender.id}`));
      expect(res.statusCode, res.body).toBe(204);
      expect(await myGroups(g.sender)).toEqual([]);
      await expectLikeMissing(g.sender.client, "GET", group(g.id), group(MISSING_ID));
      expect(Object.keys(await memberRoles(teacher, g.id))).not.toContain(g.sender.id);
      expect((await teacher.client.delete(group(g.id, `/members/${g.sender.id}`))).statusCode).toBe(404);
      const log = (await auditLog(admin, orgId, { action: "group.member" })).filter((e) => e.action === "group.member_removed");
      expect(log).toContainEqual(expect.objectContaining({ subjectId: g.sender.id, actor: { id: teacher.id, name: "Tove Teacher" }, data: { groupId: g.id, role: "sender" } }));
      // Rejoining with the code works, as a sender again.
      expect((await join(g.sender, g.senderCode)).role).toBe("sender");
    });

    it("never removes the owner: 409 owner_must_transfer", async () => {
      const res = await teacher.client.delete(group(groupId, `/members/${teacher.id}`));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("owner_must_transfer");
      expect((await memberRoles(teacher, groupId))[teacher.id]).toBe("leader");
    });

    it("is refused to anyone but the owner", async () => {
      for (const p of [coLeader, tutor, admin]) expect((await p.client.delete(group(groupId, `/members/${student.id}`))).statusCode, p.name).toBe(403);
      expect((await student.client.delete(group(groupId, `/members/${coLeader.id}`))).statusCode).toBe(403);
      expect(Object.keys(await memberRoles(teacher, groupId))).toEqual(expect.arrayContaining([student.id, coLeader.id]));
    });

    it("answers someone who is not in the group, or a foreign group, exactly like a non-existent id", async () => {
      await expectLikeMissing(teacher.client, "DELETE", group(groupId, `/members/${orgMember.id}`), group(groupId, `/members/${MISSING_ID}`));
      await expectLikeMissing(teacher.client, "DELETE", group(foreignGroupId, `/members/${outsider.id}`), group(MISSING_ID, `/members/${outsider.id}`));
      expect((await outsider.client.get(group(foreignGroupId))).statusCode).toBe(200);
    });
  });

  describe("POST /groups/:groupId/leave", () => {
    it("lets a member leave, and tells the owner to hand the group over first", async () => {
      const g = await populatedGroup("Leaving");
      for (const p of [g.sender, g.tutor, g.leader]) {
        expect((await p.client.post(group(g.id, "/leave"))).statusCode, p.name).toBe(204);
        expect(await myGroups(p)).toEqual([]);
      }
      const owner = await teacher.client.post(group(g.id, "/leave"));
      expect(owner.statusCode).toBe(409);
      expect(owner.json().error.code).toBe("owner_must_transfer");
      expect(await memberRoles(teacher, g.id)).toEqual({ [teacher.id]: "leader" });
      const log = (await auditLog(admin, orgId, { action: "group.member" })).filter((e) => e.action === "group.member_left");
      expect(log.filter((e) => e.data.groupId === g.id).map((e) => e.subjectId).sort()).toEqual([g.sender.id, g.tutor.id, g.leader.id].sort());
    });

    it("is refused to an organisation administrator who is not in the group", async () => {
      expect((await admin.client.post(group(groupId, "/leave"))).statusCode).toBe(403);
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "POST", group(foreignGroupId, "/leave"), group(MISSING_ID, "/leave"));
      await expectLikeMissing(orgMember.client, "POST", group(groupId, "/leave"), group(MISSING_ID, "/leave"));
    });
  });

  describe("POST /groups/:groupId/transfer", () => {
    it("hands the group to a leader only; a refused transfer changes nothing and audits nothing", async () => {
      const g = await populatedGroup("Handover");
      for (const target of [g.sender, g.tutor, orgMember]) {
        const res = await teacher.client.post(group(g.id, "/transfer"), { userId: target.id });
        expect(res.statusCode, target.name).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields: { userId: "invalid" } });
      }
      expect((await teacher.client.get(group(g.id))).json().group).toMatchObject({ ownerId: teacher.id, isOwner: true });
      const transfers = async () => (await auditLog(admin, orgId, { action: "group.ownership" })).filter((e) => e.subjectId === g.id && e.outcome === "success");
      expect(await transfers()).toEqual([]);

      for (const p of [g.leader, g.tutor, g.sender]) expect((await p.client.post(group(g.id, "/transfer"), { userId: p.id })).statusCode, p.name).toBe(403);

      const res = await teacher.client.post(group(g.id, "/transfer"), { userId: g.leader.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().group).toMatchObject({ ownerId: g.leader.id, isOwner: false, myRole: "leader", abilities: ABILITIES.leader });
      expect((await g.leader.client.get(group(g.id))).json().group).toMatchObject({ isOwner: true, abilities: ABILITIES.owner });
      expect(await transfers()).toEqual([expect.objectContaining({ actor: { id: teacher.id, name: "Tove Teacher" }, data: { from: teacher.id, to: g.leader.id } })]);
      // No longer the owner, the teacher may leave.
      expect((await teacher.client.post(group(g.id, "/leave"))).statusCode).toBe(204);
    });

    it("lets the organisation administrator transfer a group of the organisation", async () => {
      const g = await populatedGroup("Admin handover");
      const res = await admin.client.post(group(g.id, "/transfer"), { userId: g.leader.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().group).toMatchObject({ ownerId: g.leader.id, myRole: null });
      expect((await teacher.client.get(group(g.id))).json().group.isOwner).toBe(false);
    });

    it.each([
      [{}, { userId: "required" }],
      [{ userId: "Cecilia" }, { userId: "invalid" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await teacher.client.post(group(groupId, "/transfer"), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
      expect((await teacher.client.get(group(groupId))).json().group.ownerId).toBe(teacher.id);
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "POST", group(foreignGroupId, "/transfer"), group(MISSING_ID, "/transfer"), { userId: teacher.id });
      expect((await outsider.client.get(group(foreignGroupId))).json().group.ownerId).toBe(outsider.id);
    });
  });

  describe("inactivate and reactivate", () => {
    it("hides an inactive group from its members and makes it read-only; reactivation restores everything", async () => {
      const g = await populatedGroup("Archive");
      const membersBefore = await memberRoles(teacher, g.id);
      for (const p of [g.leader, g.tutor, g.sender]) expect((await p.client.post(group(g.id, "/inactivate"))).statusCode, p.name).toBe(403);

      const res = await teacher.client.post(group(g.id, "/inactivate"));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().group).toMatchObject({ active: false, abilities: { ...ABILITIES.owner, update: false, manageMembers: false, invite: false, inviteLeaders: false, manageTasks: false, readLoops: false, publish: false, readPosts: false, readStatistics: false, readRetentionQueue: false } });

      for (const p of [g.leader, g.tutor, g.sender]) {
        expect((await myGroups(p)).map((x) => x.id), p.name).not.toContain(g.id);
        await expectLikeMissing(p.client, "GET", group(g.id), group(MISSING_ID));
        await expectLikeMissing(p.client, "PATCH", group(g.id), group(MISSING_ID), { name: "Changed" });
      }
      // The owner still sees it, to reactivate it, but can change nothing.
      expect((await myGroups(teacher)).find((x) => x.id === g.id)).toMatchObject({ active: false });
      expect((await teacher.client.patch(group(g.id), { name: "Changed" })).statusCode).toBe(403);
      expect((await teacher.client.patch(group(g.id, `/members/${g.sender.id}`), { role: "leader" })).statusCode).toBe(403);
      expect((await teacher.client.delete(group(g.id, `/members/${g.sender.id}`))).statusCode).toBe(403);
      expect((await teacher.client.get(group(g.id, "/codes"))).statusCode).toBe(403);
      expect((await teacher.client.post(group(g.id, "/invitations"), { email: "late@school.example", role: "sender" })).statusCode).toBe(403);
      const newcomer = await register(t, "Nils Newcomer");
      const refused = await newcomer.client.post("/api/v1/join", { code: g.senderCode });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe("invalid_code");

      const back = await teacher.client.post(group(g.id, "/reactivate"));
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json().group).toMatchObject({ active: true, abilities: ABILITIES.owner });
      for (const p of [g.leader, g.tutor, g.sender]) expect((await myGroups(p)).map((x) => x.id), p.name).toContain(g.id);
      expect((await g.sender.client.get(group(g.id))).json().group).toMatchObject({ name: "Archive", active: true, myRole: "sender" });
      expect(await memberRoles(g.leader, g.id)).toEqual(membersBefore);
      expect((await join(newcomer, g.senderCode)).role).toBe("sender");
      const log = (await auditLog(admin, orgId, { action: "group." })).filter((e) => e.subjectId === g.id && e.outcome === "success");
      expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(["group.inactivated", "group.reactivated"]));
    });

    it("lets the organisation administrator inactivate and reactivate a group; a leader cannot reactivate", async () => {
      const g = await populatedGroup("Admin archive");
      expect((await admin.client.post(group(g.id, "/inactivate"))).json().group).toMatchObject({ active: false, myRole: null });
      expect((await myGroups(g.sender)).map((x) => x.id)).not.toContain(g.id);
      expect((await myGroups(admin)).find((x) => x.id === g.id)).toMatchObject({ active: false });
      await expectLikeMissing(g.leader.client, "POST", group(g.id, "/reactivate"), group(MISSING_ID, "/reactivate"));
      expect((await admin.client.post(group(g.id, "/reactivate"))).json().group.active).toBe(true);
      expect((await myGroups(g.sender)).map((x) => x.id)).toContain(g.id);
      const log = (await auditLog(admin, orgId, { action: "group.", actorId: admin.id })).filter((e) => e.subjectId === g.id && e.outcome === "success");
      expect(log.map((e) => e.action).sort()).toEqual(["group.inactivated", "group.reactivated"]);
    });

    it("answers a foreign group exactly like a non-existent one", async () => {
      await expectLikeMissing(teacher.client, "POST", group(foreignGroupId, "/inactivate"), group(MISSING_ID, "/inactivate"));
      await expectLikeMissing(admin.client, "POST", group(foreignGroupId, "/reactivate"), group(MISSING_ID, "/reactivate"));
      expect((await outsider.client.get(group(foreignGroupId))).json().group.active).toBe(true);
    });
  });

  describe("tutors", () => {
    it("see their group but are no members of its organisation", async () => {
      expect(await myGroups(tutor)).toEqual([expect.objectContaining({ id: groupId, organisationName: "Solskolan", myRole: "tutor" })]);
      expect((await tutor.client.get("/api/v1/organisations")).json().organisations).toEqual([]);
      await expectLikeMissing(tutor.client, "GET", `/api/v1/organisations/${orgId}`, `/api/v1/organisations/${MISSING_ID}`);
      await expectLikeMissing(tutor.client, "GET", group(otherGroupId), group(MISSING_ID));
      // The administrators' member list shows them only through their tutor role.
      const members = (await admin.client.get(`/api/v1/organisations/${orgId}/members`)).json().members;
      expect(members.find((m: { userId: string }) => m.userId === tutor.id)).toMatchObject({ admin: false, groupCreator: false, groups: [{ groupId, role: "tutor", owner: false }] });
    });
  });
});
