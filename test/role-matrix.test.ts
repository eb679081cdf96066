/**
 * Walks the role matrix (test/role-matrix.ts): every endpoint of the OpenAPI document × every
 * role, with a valid request, compared with the checked-in table. Each person registers once;
 * calls that destroy something run against fresh targets (a fresh copy of the group, a fresh
 * invitation, a second session), and sessions a call ends are signed in again afterwards.
 */
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestApp, multipartFile, DEFAULT_PASSWORD, TEST_ORIGIN, type TestApp, type TestClient } from "./helpers/test-app.js";
import { startTestProvider, type TestProvider } from "./helpers/oidc-provider.js";
import { linkIn } from "./helpers/smtp.js";
import { multipartLoop } from "./helpers/loops.js";
import {
  addTutor,
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectStatus,
  groupCodes,
  inviteToGroup,
  join,
  mailTo,
  makeGroupCreator,
  MISSING_ID,
  register,
  uniqueEmail,
  type Person,
} from "./helpers/world.js";
import { DUPLICATE_ROWS, ROLE_MATRIX, ROLES, type Outcome, type Role } from "./role-matrix.js";
import { unsubscribeToken } from "../src/server/modules/notifications/unsubscribe.js";

type Member = Exclude<Role, "visitor">;

/** One request of the walk; `after` sees the answer (e.g. to remember a changed password). */
interface Call {
  url: string;
  body?: InjectOptions["payload"];
  headers?: Record<string, string>;
  after?: (res: LightMyRequestResponse) => void;
  /** A never-ending response (server-sent events): made over real HTTP and cut after its head. */
  stream?: boolean;
}

interface Scenario {
  /** Runs once before the row. */
  before?: () => Promise<void>;
  /** Builds the request for one role (the person is undefined for the visitor). */
  call: (role: Role, person: Person | undefined) => Promise<Call>;
  /** Later phases run later: joining changes who belongs where, so it comes last. */
  phase?: number;
}

let t: TestApp;
let people: Record<Member, Person>;
/** Accounts outside the roles, used as targets: granted and stripped of roles, signed in as, reset, re-addressed. */
let spare: Person;
let resetTarget: Person;
let emailTarget: Person;
/** A fresh member of Solskolan for the administrator's erasure row. */
let erasable: Person;
let orgId: string;
let otherOrgId: string;
let groupId: string;
let png: Buffer;
/** Current password of each account, by user id (the walk changes some). */
const passwords = new Map<string, string>();
let passwordSeq = 0;

const passwordOf = (p: Person) => passwords.get(p.id) ?? DEFAULT_PASSWORD;
const nextPassword = () => `matrix passphrase number ${++passwordSeq}`;
const everyone = () => [...Object.values(people), spare, resetTarget, emailTarget];

/** Fills {param} in a documented path. */
function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return value;
  });
}

/** A copy of 7B, for calls that destroy something: same owner, leader, sender and tutor. */
async function freshGroup(): Promise<{ id: string; senderCode: string }> {
  const { owner, leader, sender, tutor } = people;
  const id = await createGroup(owner, orgId, { name: "7B copy" });
  await join(leader, await enableLeaderCode(owner, id));
  const senderCode = (await groupCodes(owner, id)).sender!;
  await join(sender, senderCode);
  await addTutor(t, owner, id, tutor);
  return { id, senderCode };
}

/** The token of the next mail to `email` carrying `linkPath`, after running `send`. */
async function mailedToken(email: string, linkPath: string, send: () => Promise<unknown>): Promise<string> {
  const since = t.smtp.messages.length;
  await send();
  const token = new URL(linkIn(await mailTo(t, email, since), linkPath)).searchParams.get("token");
  if (!token) throw new Error(`no token in the ${linkPath} link`);
  return token;
}

const orgPath = (rest = "") => `/api/v1/organisations/{orgId}${rest}`;
const groupPath = (rest = "") => `/api/v1/groups/{groupId}${rest}`;
const onOrg = (path: string, body?: unknown): Scenario => ({ call: async () => ({ url: fill(path, { orgId }), body: body as InjectOptions["payload"] }) });
const onGroup = (path: string, body?: () => unknown): Scenario => ({
  call: async () => ({ url: fill(path, { groupId, purpose: "sender" }), body: body?.() as InjectOptions["payload"] }),
});
/**
 * Against a fresh copy of 7B (prepared by `prepare`) for a call that changes it. A copy is used
 * until a call succeeds: a refused call leaves the group as it was (the module tests check that).
 */
const onFreshGroup = (path: string, body?: () => unknown, prepare?: (g: { id: string }) => Promise<void>): Scenario => {
  let current: { id: string } | undefined;
  return {
    call: async () => {
      current ??= await freshGroup();
      await prepare?.(current);
      return {
        url: fill(path, { groupId: current.id, userId: people.sender.id }),
        body: body?.() as InjectOptions["payload"],
        after: (res) => {
          if (res.statusCode < 300) current = undefined;
        },
      };
    },
  };
};

/** A published task and a tag of 7B, made by its owner (published, so a sender may read the task and is refused the change). */
let matrixTaskId: string;
let matrixTagId: string;
const newTask = async () =>
  expectStatus<{ task: { id: string } }>(await people.owner.client.post(`/api/v1/groups/${groupId}/tasks`, { title: "Matrix target", published: true }), 201).task;
const newTag = async () => expectStatus<{ tag: { id: string } }>(await people.owner.client.post(`/api/v1/groups/${groupId}/tags`, { name: "Matrix target" }), 201).tag;


/** The sender's report on a published task of 7B, with an image: the target of the loop rows. */
let matrixLoop: { id: string; attachmentId: string } | undefined;
async function ensureLoop(): Promise<{ id: string; attachmentId: string }> {
  if (matrixLoop) return matrixLoop;
  const form = multipartLoop({ taskId: (await newTask()).id, emoji: 4, text: "Matrix report" }, [{ name: "photo.png", type: "image/png", data: png }]);
  const loop = expectStatus<{ loop: { id: string; attachments: { id: string }[] } }>(
    await people.sender.client.post(`/api/v1/groups/${groupId}/loops`, form.payload, form.headers),
    201,
  ).loop;
  matrixLoop = { id: loop.id, attachmentId: loop.attachments[0]!.id };
  return matrixLoop;
}
const newLoop = async () => expectStatus<{ loop: { id: string } }>(await people.sender.client.post(`/api/v1/groups/${groupId}/loops`, { emoji: 3 }), 201).loop;
const newComment = async () =>
  expectStatus<{ comment: { id: string } }>(await people.sender.client.post(`/api/v1/loops/${(await ensureLoop()).id}/comments`, { text: "Matrix comment" }), 201).comment;
const newBankItem = async () =>
  expectStatus<{ item: { id: string } }>(await people.owner.client.post(`/api/v1/groups/${groupId}/comment-bank`, { text: "Well done!", shared: true }), 201).item;
const onLoop = (path: string, body?: unknown): Scenario => ({
  call: async () => {
    const loop = await ensureLoop();
    return { url: fill(path, { loopId: loop.id, attachmentId: loop.attachmentId }), body: body as InjectOptions["payload"] };
  },
});
/** A fresh target for each call until one succeeds (the call destroys it). */
const onFresh = (make: () => Promise<{ id: string }>, url: (id: string) => string): Scenario => {
  let current: { id: string } | undefined;
  return {
    call: async () => {
      current ??= await make();
      return { url: url(current.id), after: (res) => void (res.statusCode < 300 && (current = undefined)) };
    },
  };
};

/** Surveys of 7B by the owner: one question on the 1–5 scale; opened unless a draft is asked for. */
const MATRIX_SURVEY = { title: "Matrix survey", questions: [{ kind: "scale", prompt: "How was it?", required: true }] };
async function newSurvey(opened = true): Promise<{ id: string; questionId: string }> {
  const { survey } = expectStatus<{ survey: { id: string; questions: { id: string }[] } }>(
    await people.owner.client.post(`/api/v1/groups/${groupId}/surveys`, MATRIX_SURVEY),
    201,
  );
  if (opened) expectStatus(await people.owner.client.post(`/api/v1/surveys/${survey.id}/open`), 200);
  return { id: survey.id, questionId: survey.questions[0]!.id };
}
let matrixSurvey: { id: string; questionId: string } | undefined;
const onSurvey = (path: string, body?: (s: { questionId: string }) => unknown): Scenario => ({
  call: async () => {
    matrixSurvey ??= await newSurvey();
    return { url: fill(path, { surveyId: matrixSurvey.id }), body: body?.(matrixSurvey) as InjectOptions["payload"] };
  },
});

/** The owner's post in 7B, with an image: the target of the post rows. */
let matrixPost: { id: string; attachmentId: string } | undefined;
async function ensurePost(): Promise<{ id: string; attachmentId: string }> {
  if (matrixPost) return matrixPost;
  const form = multipartLoop({ title: "Matrix post", body: "For everyone." }, [{ name: "photo.png", type: "image/png", data: png }], { field: "post" });
  const post = expectStatus<{ post: { id: string; attachments: { id: string }[] } }>(
    await people.owner.client.post(`/api/v1/groups/${groupId}/posts`, form.payload, form.headers),
    201,
  ).post;
  matrixPost = { id: post.id, attachmentId: post.attachments[0]!.id };
  return matrixPost;
}
const newPost = async () => expectStatus<{ post: { id: string } }>(await people.owner.client.post(`/api/v1/groups/${groupId}/posts`, { title: "Matrix target" }), 201).post;
const onPost = (path: string, body?: unknown): Scenario => ({
  call: async () => {
    const post = await ensurePost();
    return { url: fill(path, { postId: post.id, attachmentId: post.attachmentId }), body: body as InjectOptions["payload"] };
  },
});

/** A paused check-in of 7B the owner set up (paused, so it asks nobody while the walk runs). */
let matrixCheckinId: string | undefined;
const newCheckin = async () =>
  expectStatus<{ checkin: { id: string } }>(
    await people.owner.client.post(`/api/v1/groups/${groupId}/checkins`, { prompt: "Matrix check-in", weekday: 5, time: "14:00", active: false }),
    201,
  ).checkin;
const onCheckin = (path: string, body?: unknown): Scenario => ({
  call: async () => {
    matrixCheckinId ??= (await newCheckin()).id;
    return { url: fill(path, { checkinId: matrixCheckinId }), body: body as InjectOptions["payload"] };
  },
});
/** An occurrence of a 7B check-in: one set up for the coming minute, then made by the scheduler two minutes on. */
let matrixOccurrenceId: string | undefined;
async function ensureOccurrence(): Promise<string> {
  if (matrixOccurrenceId) return matrixOccurrenceId;
  const soon = new Date(t.clock().getTime() + 60_000);
  const local = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(soon)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(local.weekday!) + 1;
  const created = await people.owner.client.post(`/api/v1/groups/${groupId}/checkins`, { prompt: "Matrix occurrence", weekday, time: `${local.hour}:${local.minute}` });
  const checkinId = expectStatus<{ checkin: { id: string } }>(created, 201).checkin.id;
  t.clock.advance(120_000);
  await t.app.ctx.jobs.runScheduled("checkins.occur");
  const list = expectStatus<{ occurrences: { id: string }[] }>(await people.owner.client.get(`/api/v1/checkins/${checkinId}/occurrences`), 200);
  expectStatus(await people.owner.client.patch(`/api/v1/checkins/${checkinId}`, { active: false }), 200);
  matrixOccurrenceId = list.occurrences[0]!.id;
  return matrixOccurrenceId;
}

let matrixCommentId: string | undefined;

/** A copy of 7B for the joining rows, made once before the row. */
let joinable: { id: string; senderCode: string };

/** The unsubscribe link an e-mail to the spare account carries (made as the e-mail job makes it). */
const spareUnsubscribeUrl = async () => `/api/v1/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(t.app.ctx.db, spare.id, "survey_opened", t.clock()))}`;

/** Safeguarding: orgMember is Solskolan's contact; the leader flags the sender's report (with its image). */
let safeguardingContact = false;
async function ensureSafeguardingContact(): Promise<void> {
  if (safeguardingContact) return;
  expectStatus(await people.orgAdmin.client.post(fill(orgPath("/safeguarding-contacts"), { orgId }), { userId: people.orgMember.id }), 200);
  safeguardingContact = true;
}
let matrixFlagId: string | undefined;
const onFlag = (path: string, body?: unknown): Scenario => ({
  call: async () => {
    const loop = await ensureLoop();
    if (!matrixFlagId) {
      await ensureSafeguardingContact();
      const made = await people.leader.client.post(`/api/v1/loops/${loop.id}/safeguarding-flags`, { reason: "abuse", note: "Matrix flag" });
      matrixFlagId = expectStatus<{ flag: { id: string } }>(made, 201).flag.id;
    }
    return { url: fill(path, { flagId: matrixFlagId, attachmentId: loop.attachmentId }), body: body as InjectOptions["payload"] };
  },
});

/** A valid request for every endpoint of the table. */
const SCENARIOS: Record<string, Scenario> = {
  "GET /healthz": { call: async () => ({ url: "/healthz" }) },
  "GET /readyz": { call: async () => ({ url: "/readyz" }) },

  "POST /api/v1/auth/register": {
    call: async () => ({ url: "/api/v1/auth/register", body: { name: "Registered In Matrix", email: uniqueEmail("registered"), password: DEFAULT_PASSWORD } }),
  },
  "POST /api/v1/auth/sign-in": { call: async () => ({ url: "/api/v1/auth/sign-in", body: { email: spare.email, password: passwordOf(spare) } }) },
  "POST /api/v1/auth/sign-out": { call: async () => ({ url: "/api/v1/auth/sign-out" }) },
  // Asked for the spare account: its mails go out after the answer, and must not be confused with resetTarget's below.
  "POST /api/v1/auth/password-reset": { call: async () => ({ url: "/api/v1/auth/password-reset", body: { email: spare.email } }) },
  "POST /api/v1/auth/password-reset/confirm": {
    call: async () => {
      const token = await mailedToken(resetTarget.email, "/reset-password?token=", () => t.client().post("/api/v1/auth/password-reset", { email: resetTarget.email }));
      const password = nextPassword();
      return { url: "/api/v1/auth/password-reset/confirm", body: { token, password }, after: (res) => res.statusCode < 300 && void passwords.set(resetTarget.id, password) };
    },
  },
  "POST /api/v1/auth/email/confirm": {
    call: async () => {
      const newEmail = uniqueEmail("readdressed");
      const token = await mailedToken(newEmail, "/confirm-email?token=", async () =>
        expectStatus(await emailTarget.client.post("/api/v1/me/email", { currentPassword: passwordOf(emailTarget), newEmail }), 202),
      );
      return { url: "/api/v1/auth/email/confirm", body: { token }, after: (res) => res.statusCode < 300 && void (emailTarget.email = newEmail) };
    },
  },
  "GET /api/v1/me": { call: async () => ({ url: "/api/v1/me" }) },
  "PATCH /api/v1/me": { call: async () => ({ url: "/api/v1/me", body: { language: "en" } }) },
  "PUT /api/v1/me/picture": {
    call: async () => {
      const upload = multipartFile("file", "me.png", "image/png", png);
      return { url: "/api/v1/me/picture", body: upload.payload, headers: upload.headers };
    },
  },
  "DELETE /api/v1/me/picture": { call: async () => ({ url: "/api/v1/me/picture" }) },
  "GET /api/v1/users/{id}/picture": {
    before: async () => {
      const upload = multipartFile("file", "sender.png", "image/png", png);
      expectStatus(await people.sender.client.put("/api/v1/me/picture", upload.payload, upload.headers), 200);
    },
    call: async () => ({ url: fill("/api/v1/users/{id}/picture", { id: people.sender.id }) }),
  },
  "POST /api/v1/me/password": {
    call: async (_role, p) => {
      const newPassword = nextPassword();
      return {
        url: "/api/v1/me/password",
        body: { currentPassword: p ? passwordOf(p) : DEFAULT_PASSWORD, newPassword },
        after: (res) => p && res.statusCode < 300 && void passwords.set(p.id, newPassword),
      };
    },
  },
  "POST /api/v1/me/email": {
    call: async (_role, p) => ({ url: "/api/v1/me/email", body: { currentPassword: p ? passwordOf(p) : DEFAULT_PASSWORD, newEmail: uniqueEmail("moving") } }),
  },
  "GET /api/v1/me/sessions": { call: async () => ({ url: "/api/v1/me/sessions" }) },
  "DELETE /api/v1/me/sessions/{id}": {
    // The actor's own second session (a phone, say).
    call: async (_role, p) => {
      if (!p) return { url: fill("/api/v1/me/sessions/{id}", { id: MISSING_ID }) };
      const phone = t.client();
      expectStatus(await phone.signIn(p.email, passwordOf(p)), 200);
      const sessions = expectStatus<{ sessions: Array<{ id: string; current: boolean }> }>(await phone.get("/api/v1/me/sessions"), 200).sessions;
      return { url: fill("/api/v1/me/sessions/{id}", { id: sessions.find((s) => s.current)!.id }) };
    },
  },
  "POST /api/v1/me/sessions/revoke-others": { call: async () => ({ url: "/api/v1/me/sessions/revoke-others" }) },

  "GET /api/v1/organisations": { call: async () => ({ url: "/api/v1/organisations" }) },
  "POST /api/v1/organisations": { call: async () => ({ url: "/api/v1/organisations", body: { name: "Matrix Academy", type: "other" } }) },
  "GET /api/v1/organisations/{orgId}": onOrg(orgPath()),
  "PATCH /api/v1/organisations/{orgId}": onOrg(orgPath(), { name: "Solskolan" }),
  "GET /api/v1/organisations/{orgId}/members": onOrg(orgPath("/members")),
  "POST /api/v1/organisations/{orgId}/admins": { call: async () => ({ url: fill(orgPath("/admins"), { orgId }), body: { email: spare.email } }) },
  "DELETE /api/v1/organisations/{orgId}/admins/{userId}": {
    call: async () => {
      expectStatus(await people.orgAdmin.client.post(fill(orgPath("/admins"), { orgId }), { email: spare.email }), 204);
      return { url: fill(orgPath("/admins/{userId}"), { orgId, userId: spare.id }) };
    },
  },
  "POST /api/v1/organisations/{orgId}/group-creators": { call: async () => ({ url: fill(orgPath("/group-creators"), { orgId }), body: { email: spare.email } }) },
  "DELETE /api/v1/organisations/{orgId}/group-creators/{userId}": {
    call: async () => {
      await makeGroupCreator(people.orgAdmin, orgId, spare);
      return { url: fill(orgPath("/group-creators/{userId}"), { orgId, userId: spare.id }) };
    },
  },
  "GET /api/v1/organisations/{orgId}/invite-code": onOrg(orgPath("/invite-code")),
  "PATCH /api/v1/organisations/{orgId}/invite-code": onOrg(orgPath("/invite-code"), { enabled: true }),
  "POST /api/v1/organisations/{orgId}/invite-code/rotate": onOrg(orgPath("/invite-code/rotate")),
  "GET /api/v1/organisations/{orgId}/invitations": onOrg(orgPath("/invitations")),
  "DELETE /api/v1/organisations/{orgId}/invitations/{invitationId}": {
    call: async () => {
      const email = uniqueEmail("orginvite");
      const admin = people.orgAdmin;
      expect(expectStatus(await admin.client.post(fill(orgPath("/group-creators"), { orgId }), { email }), 200).outcome).toBe("invited");
      const list = expectStatus<{ invitations: Array<{ id: string; email: string }> }>(await admin.client.get(fill(orgPath("/invitations"), { orgId })), 200);
      const invitationId = list.invitations.find((i) => i.email === email)!.id;
      return { url: fill(orgPath("/invitations/{invitationId}"), { orgId, invitationId }) };
    },
  },
  "GET /api/v1/organisations/{orgId}/audit": onOrg(orgPath("/audit")),
  "POST /api/v1/organisations/{orgId}/groups": onOrg(orgPath("/groups"), { name: "Matrix group", type: "flat", hasStudentMembers: false }),

  "GET /api/v1/groups": { call: async () => ({ url: "/api/v1/groups" }) },
  "GET /api/v1/groups/{groupId}": onGroup(groupPath()),
  "PATCH /api/v1/groups/{groupId}": onGroup(groupPath(), () => ({ description: "Edited by the role matrix" })),
  "POST /api/v1/groups/{groupId}/inactivate": onFreshGroup(groupPath("/inactivate")),
  "POST /api/v1/groups/{groupId}/reactivate": onFreshGroup(groupPath("/reactivate"), undefined, async (g) => {
    expectStatus(await people.owner.client.post(`/api/v1/groups/${g.id}/inactivate`), 200);
  }),
  "POST /api/v1/groups/{groupId}/transfer": onFreshGroup(groupPath("/transfer"), () => ({ userId: people.leader.id })),
  "GET /api/v1/groups/{groupId}/members": onGroup(groupPath("/members")),
  "PATCH /api/v1/groups/{groupId}/members/{userId}": onFreshGroup(groupPath("/members/{userId}"), () => ({ role: "leader" })),
  "DELETE /api/v1/groups/{groupId}/members/{userId}": onFreshGroup(groupPath("/members/{userId}")),
  "POST /api/v1/groups/{groupId}/leave": onFreshGroup(groupPath("/leave")),
  "GET /api/v1/groups/{groupId}/codes": onGroup(groupPath("/codes")),
  "POST /api/v1/groups/{groupId}/codes/{purpose}/rotate": onGroup(groupPath("/codes/{purpose}/rotate")),
  "PATCH /api/v1/groups/{groupId}/codes/{purpose}": onGroup(groupPath("/codes/{purpose}"), () => ({ enabled: true })),
  "GET /api/v1/groups/{groupId}/codes/{purpose}/qr.svg": onGroup(groupPath("/codes/{purpose}/qr.svg")),
  "GET /api/v1/groups/{groupId}/invitations": onGroup(groupPath("/invitations")),
  "POST /api/v1/groups/{groupId}/invitations": onGroup(groupPath("/invitations"), () => ({ email: uniqueEmail("invitee"), role: "sender" })),
  "DELETE /api/v1/groups/{groupId}/invitations/{invitationId}": {
    call: async () => {
      const created = await people.owner.client.post(`/api/v1/groups/${groupId}/invitations`, { email: uniqueEmail("withdrawn"), role: "sender" });
      return { url: fill(groupPath("/invitations/{invitationId}"), { groupId, invitationId: expectStatus(created, 201).id }) };
    },
  },

  "GET /api/v1/packages": { call: async () => ({ url: `/api/v1/packages?organisationId=${orgId}` }) },
  "POST /api/v1/organisations/{orgId}/packages": { call: async () => ({ url: fill(orgPath("/packages"), { orgId }), body: { groupId, name: "Matrix package", language: "en" } }) },
  "DELETE /api/v1/organisations/{orgId}/packages/{packageId}": {
    call: async () => {
      const saved = await people.owner.client.post(fill(orgPath("/packages"), { orgId }), { groupId, name: "Matrix package", language: "en" });
      return { url: fill(orgPath("/packages/{packageId}"), { orgId, packageId: expectStatus(saved, 201).package.id }) };
    },
  },
  "GET /api/v1/groups/{groupId}/tasks": onGroup(groupPath("/tasks")),
  "POST /api/v1/groups/{groupId}/tasks": onGroup(groupPath("/tasks"), () => ({ title: "Matrix task" })),
  "PATCH /api/v1/groups/{groupId}/tasks/{taskId}": {
    before: async () => {
      matrixTaskId = (await newTask()).id;
    },
    call: async () => ({ url: fill(groupPath("/tasks/{taskId}"), { groupId, taskId: matrixTaskId }), body: { title: "Edited by the role matrix" } }),
  },
  "DELETE /api/v1/groups/{groupId}/tasks/{taskId}": {
    call: async () => ({ url: fill(groupPath("/tasks/{taskId}"), { groupId, taskId: (await newTask()).id }) }),
  },
  "PUT /api/v1/groups/{groupId}/tasks/order": {
    call: async () => {
      const tasks = expectStatus<{ tasks: Array<{ id: string }> }>(await people.owner.client.get(`/api/v1/groups/${groupId}/tasks`), 200).tasks;
      return { url: fill(groupPath("/tasks/order"), { groupId }), body: { ids: tasks.map((x) => x.id).reverse() } };
    },
  },
  "GET /api/v1/groups/{groupId}/tags": onGroup(groupPath("/tags")),
  "POST /api/v1/groups/{groupId}/tags": onGroup(groupPath("/tags"), () => ({ name: "Matrix tag", colour: "teal" })),
  "PATCH /api/v1/groups/{groupId}/tags/{tagId}": {
    before: async () => {
      matrixTagId = (await newTag()).id;
    },
    call: async () => ({ url: fill(groupPath("/tags/{tagId}"), { groupId, tagId: matrixTagId }), body: { name: "Edited by the role matrix" } }),
  },
  "DELETE /api/v1/groups/{groupId}/tags/{tagId}": {
    call: async () => ({ url: fill(groupPath("/tags/{tagId}"), { groupId, tagId: (await newTag()).id }) }),
  },
  "PUT /api/v1/groups/{groupId}/tags/order": {
    call: async () => {
      const tags = expectStatus<{ tags: Array<{ id: string }> }>(await people.owner.client.get(`/api/v1/groups/${groupId}/tags?includeArchived=true`), 200).tags;
      return { url: fill(groupPath("/tags/order"), { groupId }), body: { ids: tags.map((x) => x.id).reverse() } };
    },
  },

  "POST /api/v1/join": {
    phase: 1,
    before: async () => {
      joinable = await freshGroup();
    },
    call: async () => ({ url: "/api/v1/join", body: { code: joinable.senderCode } }),
  },
  "GET /api/v1/groups/{groupId}/loops/export.csv": onGroup(groupPath("/loops/export.csv?from=2026-01-01&to=2026-12-31")),
  "GET /api/v1/groups/{groupId}/loops/export.xlsx": onGroup(groupPath("/loops/export.xlsx?from=2026-01-01&to=2026-12-31")),
  "GET /api/v1/groups/{groupId}/statistics": onGroup(groupPath("/statistics?from=2026-09-01&to=2026-12-31")),
  "GET /api/v1/organisations/{orgId}/statistics": onOrg(orgPath("/statistics?from=2026-09-01&to=2026-12-31")),
  "GET /api/v1/me/statistics": { call: async () => ({ url: "/api/v1/me/statistics?from=2026-09-01&to=2026-12-31" }) },
  "POST /api/v1/groups/{groupId}/loops": onGroup(groupPath("/loops"), () => ({ emoji: 4, text: "From the role matrix" })),
  "GET /api/v1/loops/{loopId}": onLoop("/api/v1/loops/{loopId}"),
  "PATCH /api/v1/loops/{loopId}": onLoop("/api/v1/loops/{loopId}", { text: "Edited by the role matrix" }),
  "DELETE /api/v1/loops/{loopId}": onFresh(newLoop, (id) => `/api/v1/loops/${id}`),
  "POST /api/v1/loops/{loopId}/approve": onLoop("/api/v1/loops/{loopId}/approve", {}),
  "DELETE /api/v1/loops/{loopId}/approve": onLoop("/api/v1/loops/{loopId}/approve"),
  "POST /api/v1/loops/{loopId}/read": onLoop("/api/v1/loops/{loopId}/read"),
  "GET /api/v1/loops/{loopId}/attachments/{attachmentId}": onLoop("/api/v1/loops/{loopId}/attachments/{attachmentId}"),
  "GET /api/v1/inbox": { call: async () => ({ url: "/api/v1/inbox" }) },
  "GET /api/v1/me/loops": { call: async () => ({ url: "/api/v1/me/loops" }) },
  "GET /api/v1/events": { call: async () => ({ url: "/api/v1/events", stream: true }) },
  "GET /api/v1/loops/{loopId}/comments": onLoop("/api/v1/loops/{loopId}/comments"),
  "POST /api/v1/loops/{loopId}/comments": onLoop("/api/v1/loops/{loopId}/comments", { text: "A comment from the role matrix" }),
  "PATCH /api/v1/comments/{commentId}": {
    call: async () => {
      matrixCommentId ??= (await newComment()).id;
      return { url: `/api/v1/comments/${matrixCommentId}`, body: { text: "Edited by the role matrix" } };
    },
  },
  "DELETE /api/v1/comments/{commentId}": onFresh(newComment, (id) => `/api/v1/comments/${id}`),
  "GET /api/v1/groups/{groupId}/comment-bank": onGroup(groupPath("/comment-bank")),
  "POST /api/v1/groups/{groupId}/comment-bank": onGroup(groupPath("/comment-bank"), () => ({ text: "Saved by the role matrix" })),
  "DELETE /api/v1/comment-bank/{itemId}": onFresh(newBankItem, (id) => `/api/v1/comment-bank/${id}`),
  "GET /api/v1/feed": { call: async () => ({ url: "/api/v1/feed" }) },
  "GET /api/v1/feed/unread-count": { call: async () => ({ url: "/api/v1/feed/unread-count" }) },
  "POST /api/v1/feed/{notificationId}/read": {
    // A task the owner publishes reaches the sender's feed.
    before: async () => void (await newTask()),
    call: async () => {
      const [item] = expectStatus<{ items: { id: string }[] }>(await people.sender.client.get("/api/v1/feed?limit=1"), 200).items;
      return { url: fill("/api/v1/feed/{notificationId}/read", { notificationId: item!.id }) };
    },
  },
  "POST /api/v1/feed/read-all": { call: async () => ({ url: "/api/v1/feed/read-all" }) },
  "GET /api/v1/me/notification-preferences": { call: async () => ({ url: "/api/v1/me/notification-preferences" }) },
  "PUT /api/v1/me/notification-preferences": { call: async () => ({ url: "/api/v1/me/notification-preferences", body: { preferences: { loop_created: "off" } } }) },
  "GET /api/v1/groups/{groupId}/posts": onGroup(groupPath("/posts")),
  "POST /api/v1/groups/{groupId}/posts": onGroup(groupPath("/posts"), () => ({ title: "From the role matrix" })),
  "GET /api/v1/posts/{postId}": onPost("/api/v1/posts/{postId}"),
  "PATCH /api/v1/posts/{postId}": onPost("/api/v1/posts/{postId}", { body: "Edited by the role matrix" }),
  "DELETE /api/v1/posts/{postId}": onFresh(newPost, (id) => `/api/v1/posts/${id}`),
  "POST /api/v1/posts/{postId}/seen": onPost("/api/v1/posts/{postId}/seen"),
  "GET /api/v1/posts/{postId}/attachments/{attachmentId}": onPost("/api/v1/posts/{postId}/attachments/{attachmentId}"),
  "GET /api/v1/groups/{groupId}/surveys": onGroup(groupPath("/surveys")),
  "POST /api/v1/groups/{groupId}/surveys": onGroup(groupPath("/surveys"), () => MATRIX_SURVEY),
  "GET /api/v1/surveys/{surveyId}": onSurvey("/api/v1/surveys/{surveyId}"),
  "PATCH /api/v1/surveys/{surveyId}": onSurvey("/api/v1/surveys/{surveyId}", () => ({ title: "Edited by the role matrix" })),
  "DELETE /api/v1/surveys/{surveyId}": onFresh(() => newSurvey(), (id) => `/api/v1/surveys/${id}`),
  "POST /api/v1/surveys/{surveyId}/open": onFresh(() => newSurvey(false), (id) => `/api/v1/surveys/${id}/open`),
  "POST /api/v1/surveys/{surveyId}/close": onFresh(() => newSurvey(), (id) => `/api/v1/surveys/${id}/close`),
  "PUT /api/v1/surveys/{surveyId}/response": onSurvey("/api/v1/surveys/{surveyId}/response", (s) => ({ answers: { [s.questionId]: 4 } })),
  "GET /api/v1/surveys/{surveyId}/results": onSurvey("/api/v1/surveys/{surveyId}/results"),
  "GET /api/v1/surveys/{surveyId}/results.csv": onSurvey("/api/v1/surveys/{surveyId}/results.csv"),
  "GET /api/v1/groups/{groupId}/checkins": onGroup(groupPath("/checkins")),
  "POST /api/v1/groups/{groupId}/checkins": onGroup(groupPath("/checkins"), () => ({ prompt: "From the role matrix", weekday: 1, time: "08:00", active: false })),
  "PATCH /api/v1/checkins/{checkinId}": onCheckin("/api/v1/checkins/{checkinId}", { prompt: "Edited by the role matrix" }),
  "DELETE /api/v1/checkins/{checkinId}": onFresh(newCheckin, (id) => `/api/v1/checkins/${id}`),
  "GET /api/v1/checkins/{checkinId}/occurrences": onCheckin("/api/v1/checkins/{checkinId}/occurrences"),
  "GET /api/v1/checkin-occurrences/{occurrenceId}": { call: async () => ({ url: `/api/v1/checkin-occurrences/${await ensureOccurrence()}` }) },
  // The link of an e-mail to the spare account (the token alone decides; POSTing it again changes nothing more).
  "GET /api/v1/unsubscribe": { call: async () => ({ url: await spareUnsubscribeUrl() }) },
  "POST /api/v1/unsubscribe": { call: async () => ({ url: await spareUnsubscribeUrl() }) },
  "POST /api/v1/invitations/accept": {
    phase: 1,
    before: async () => {
      joinable = await freshGroup();
    },
    call: async () => {
      const { token } = await inviteToGroup(t, people.owner, joinable.id, uniqueEmail("accepting"), "sender");
      return { url: "/api/v1/invitations/accept", body: { token } };
    },
  },
  // Issue 7 — privacy-policy: its rows go here.
  // Phase 2: once a version is published, signing up needs its id, so these come after every row that registers.
  "GET /api/v1/privacy-policy": { phase: 2, before: async () => void (await ensurePolicy()), call: async () => ({ url: "/api/v1/privacy-policy" }) },
  "GET /api/v1/privacy-policy/versions": { phase: 2, call: async () => ({ url: "/api/v1/privacy-policy/versions" }) },
  "GET /api/v1/privacy-policy/versions/{versionId}": { phase: 2, call: async () => ({ url: `/api/v1/privacy-policy/versions/${await ensurePolicy()}` }) },
  // A minor version: a significant one would e-mail everyone in the middle of other rows' mail.
  "POST /api/v1/privacy-policy/versions": { phase: 2, call: async () => ({ url: "/api/v1/privacy-policy/versions", body: policyDraft }) },
  "POST /api/v1/privacy-policy/preview": { phase: 2, call: async () => ({ url: "/api/v1/privacy-policy/preview", body: { markdown: "# Preview" } }) },
  "GET /api/v1/me/privacy-policy": { phase: 2, call: async () => ({ url: "/api/v1/me/privacy-policy" }) },
  "POST /api/v1/me/privacy-policy/acknowledge": { phase: 2, call: async () => ({ url: "/api/v1/me/privacy-policy/acknowledge", body: { versionId: await ensurePolicy() } }) },
  "POST /api/v1/me/privacy-policy/dismiss": { phase: 2, call: async () => ({ url: "/api/v1/me/privacy-policy/dismiss", body: { versionId: await ensurePolicy() } }) },
  // Issue 7 — retention: its rows go here.
  "GET /api/v1/groups/{groupId}/retention/queue": onGroup(groupPath("/retention/queue")),
  // Issue 7 — safeguarding: its rows go here.
  "GET /api/v1/organisations/{orgId}/safeguarding-contacts": onOrg(orgPath("/safeguarding-contacts")),
  "POST /api/v1/organisations/{orgId}/safeguarding-contacts": { call: async () => ({ url: fill(orgPath("/safeguarding-contacts"), { orgId }), body: { userId: people.orgMember.id } }) },
  "DELETE /api/v1/organisations/{orgId}/safeguarding-contacts/{userId}": {
    // The spare account, made a member (group creator) and a contact before each call.
    call: async () => {
      await makeGroupCreator(people.orgAdmin, orgId, spare);
      expectStatus(await people.orgAdmin.client.post(fill(orgPath("/safeguarding-contacts"), { orgId }), { userId: spare.id }), 200);
      return { url: fill(orgPath("/safeguarding-contacts/{userId}"), { orgId, userId: spare.id }) };
    },
  },
  "GET /api/v1/loops/{loopId}/safeguarding-flags": onLoop("/api/v1/loops/{loopId}/safeguarding-flags"),
  "POST /api/v1/loops/{loopId}/safeguarding-flags": {
    before: async () => void (await ensureSafeguardingContact()),
    call: async () => ({ url: fill("/api/v1/loops/{loopId}/safeguarding-flags", { loopId: (await ensureLoop()).id }), body: { reason: "risk", note: "From the role matrix" } }),
  },
  "GET /api/v1/organisations/{orgId}/safeguarding-flags": onOrg(orgPath("/safeguarding-flags")),
  "GET /api/v1/safeguarding-flags/{flagId}": onFlag("/api/v1/safeguarding-flags/{flagId}"),
  "POST /api/v1/safeguarding-flags/{flagId}/steps": onFlag("/api/v1/safeguarding-flags/{flagId}/steps", { status: "forwarded_social_services", note: "From the role matrix" }),
  "GET /api/v1/safeguarding-flags/{flagId}/attachments/{attachmentId}": onFlag("/api/v1/safeguarding-flags/{flagId}/attachments/{attachmentId}"),
  // Issue 7 — crash-reports: its rows go here.
  "POST /api/v1/crash-reports": {
    call: async () => ({ url: "/api/v1/crash-reports", body: { consent: "once", source: "error", message: "Error: from the role matrix", appVersion: "0.1.0", route: "/inbox" } }),
  },
  "GET /api/v1/crash-reports": { call: async () => ({ url: "/api/v1/crash-reports" }) },
  "GET /api/v1/crash-reports/{reportId}": {
    before: async () => {
      expectStatus(await t.client().post("/api/v1/crash-reports", { consent: "once", source: "error", message: "Error: matrix", appVersion: "0.1.0", route: "/" }), 204);
    },
    call: async () => {
      const [report] = expectStatus<{ reports: { id: string }[] }>(await people.instanceAdmin.client.get("/api/v1/crash-reports?limit=1"), 200).reports;
      return { url: fill("/api/v1/crash-reports/{reportId}", { reportId: report!.id }) };
    },
  },
  "GET /api/v1/me/crash-report-setting": { call: async () => ({ url: "/api/v1/me/crash-report-setting" }) },
  "PUT /api/v1/me/crash-report-setting": { call: async () => ({ url: "/api/v1/me/crash-report-setting", body: { enabled: false } }) },
  "GET /api/v1/organisations/{orgId}/audit.csv": onOrg(orgPath("/audit.csv")),
  // Issue 7 — data-exports: its rows go here.
  // Each row starts with no exports, so every role's first request is inside its 24-hour allowance.
  "GET /api/v1/me/exports": { call: async () => ({ url: "/api/v1/me/exports" }) },
  "POST /api/v1/me/exports": { before: clearExports, call: async () => ({ url: "/api/v1/me/exports" }) },
  "GET /api/v1/exports/{exportId}/download": {
    before: async () => {
      await clearExports();
      matrixExportId = expectStatus<{ export: { id: string } }>(await people.sender.client.post("/api/v1/me/exports"), 202).export.id;
      await t.app.ctx.jobs.idle();
    },
    call: async () => ({ url: `/api/v1/exports/${matrixExportId}/download` }),
  },
  "POST /api/v1/organisations/{orgId}/members/{userId}/export": { before: clearExports, call: async () => ({ url: fill(orgPath("/members/{userId}/export"), { orgId, userId: people.sender.id }) }) },
  "POST /api/v1/groups/{groupId}/export": { before: clearExports, ...onGroup(groupPath("/export")) },
  // Issue 7 — erasure: its rows go here.
  "GET /api/v1/me/erasure": { call: async () => ({ url: "/api/v1/me/erasure" }) },
  "POST /api/v1/me/erase": {
    call: async (role, p) => ({
      url: "/api/v1/me/erase",
      // The right password only for the owner, who must hand 7B over (nothing is erased); a wrong one elsewhere.
      body: { password: p && role === "owner" ? passwordOf(p) : "not the password at all", confirm: true },
    }),
  },
  "POST /api/v1/organisations/{orgId}/members/{userId}/erase": {
    before: async () => {
      erasable = await register(t, "Erik Erasable");
      await join(erasable, (await groupCodes(people.owner, groupId)).sender!);
    },
    call: async () => ({ url: fill(orgPath("/members/{userId}/erase"), { orgId, userId: erasable.id }), body: { confirm: true } }),
  },
  // Issue 8 — sign-in with a provider.
  "GET /api/v1/auth/methods": { call: async () => ({ url: "/api/v1/auth/methods" }) },
  "POST /api/v1/auth/oidc/start": { call: async () => ({ url: "/api/v1/auth/oidc/start", body: { intent: "link", returnTo: "/profile" } }) },
  "GET /api/v1/auth/oidc/callback": { call: async () => ({ url: "/api/v1/auth/oidc/callback?code=from-the-matrix&state=from-the-matrix" }) },
  "GET /api/v1/auth/oidc/pending": { call: async () => ({ url: "/api/v1/auth/oidc/pending" }) },
  "POST /api/v1/auth/oidc/sign-up": { call: async () => ({ url: "/api/v1/auth/oidc/sign-up", body: {} }) },
  "POST /api/v1/auth/oidc/confirm-link": { call: async () => ({ url: "/api/v1/auth/oidc/confirm-link", body: { password: DEFAULT_PASSWORD } }) },
  "DELETE /api/v1/auth/oidc/pending": { call: async () => ({ url: "/api/v1/auth/oidc/pending" }) },
  "GET /api/v1/me/identities": { call: async () => ({ url: "/api/v1/me/identities" }) },
  "DELETE /api/v1/me/identities/{id}": {
    before: async () => {
      matrixIdentityId = randomUUID();
      const at = new Date().toISOString();
      await t.app.ctx.db
        .insertInto("user_identities")
        .values({ id: matrixIdentityId, user_id: people.sender.id, issuer: provider.issuer, subject: `matrix-${matrixIdentityId}`, email: null, hosted_domain: null, created_at: at, last_used_at: null })
        .execute();
    },
    call: async () => ({ url: `/api/v1/me/identities/${matrixIdentityId}` }),
  },
};

/** The identities rows: a link of the sender's, created for the row. */
let matrixIdentityId: string;

/** A minor privacy policy version (the instance administrator's), for the privacy-policy rows. */
const policyDraft = {
  significance: "minor",
  summary: { en: "From the role matrix", sv: "Från rollmatrisen" },
  body: { en: "# Policy", sv: "# Policy" },
};
/** The current policy version's id, publishing a first one when there is none. */
async function ensurePolicy(): Promise<string> {
  const current = expectStatus<{ version: { id: string } | null }>(await t.client().get("/api/v1/privacy-policy"), 200).version;
  if (current) return current.id;
  return expectStatus<{ version: { id: string } }>(await people.instanceAdmin.client.post("/api/v1/privacy-policy/versions", policyDraft), 201).version.id;
}

/** The data-exports rows: a clean slate of exports (the once-per-24-hours rule would answer 429 to a second request). */
let matrixExportId: string;
async function clearExports(): Promise<void> {
  await t.app.ctx.jobs.idle();
  await t.db.handle.db.deleteFrom("data_exports").execute();
}

/** Signs in again everyone whose session a call ended (sign-in over it, sign-out, password reset). */
async function heal(): Promise<void> {
  for (const p of everyone()) {
    if ((await p.client.get("/api/v1/me")).statusCode !== 401) continue;
    p.client.cookie = undefined;
    expectStatus(await p.client.signIn(p.email, passwordOf(p)), 200);
  }
}

/** A client for one call: the visitor's empty one, or a copy of the person's session (its cookie jar may change freely). */
function clientOf(person: Person | undefined): TestClient {
  const c = t.client();
  if (person) c.cookie = person.client.cookie;
  return c;
}

/** GETs a streaming URL over a real connection, keeps the status and any error body, then hangs up. */
async function streamHead(url: string, person: Person | undefined): Promise<LightMyRequestResponse> {
  const address = t.app.server.listening ? t.app.server.address() : (await t.app.listen({ host: "127.0.0.1", port: 0 }), t.app.server.address());
  const port = typeof address === "object" && address ? address.port : 0;
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: person?.client.cookie ? { cookie: person.client.cookie } : {}, signal: abort.signal });
  const body = res.ok ? "" : await res.text();
  abort.abort();
  return { statusCode: res.status, body, json: () => JSON.parse(body) as unknown } as unknown as LightMyRequestResponse;
}

function outcomeOf(res: LightMyRequestResponse): Outcome | number {
  return res.statusCode >= 200 && res.statusCode < 300 ? "ok" : res.statusCode;
}

const MANY = { points: 1_000_000, windowSeconds: 60 };

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider([`${TEST_ORIGIN}/api/v1/auth/oidc/callback`]);
  t = await createTestApp({
    env: provider.env,
    rateLimits: { signInPerAccount: MANY, signInPerIp: MANY, registerPerIp: MANY, resetPerAccount: MANY, resetPerIp: MANY, joinCodePerUser: MANY, joinCodePerIp: MANY, postPerUser: MANY },
  });
  png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#36a" } }).png().toBuffer();
  const instanceAdmin = await register(t, "Ingrid Instance");
  const orgAdmin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(orgAdmin, "Solskolan");
  const owner = await register(t, "Tove Owner");
  await makeGroupCreator(orgAdmin, orgId, owner);
  groupId = await createGroup(owner, orgId, { name: "7B", type: "hierarchical", hasStudentMembers: true });
  const leader = await register(t, "Lena Leader");
  await join(leader, await enableLeaderCode(owner, groupId));
  const sender = await register(t, "Sam Sender");
  await join(sender, (await groupCodes(owner, groupId)).sender!);
  const tutor = await register(t, "Tage Tutor");
  await addTutor(t, owner, groupId, tutor);
  const orgMember = await register(t, "Maja Member");
  await join(orgMember, (await groupCodes(owner, await createGroup(owner, orgId, { name: "8A" }))).sender!);
  const otherOrgUser = await register(t, "Olof Other");
  otherOrgId = await createOrganisation(otherOrgUser, "Bergskolan");
  people = { otherOrgUser, orgMember, sender, leader, tutor, owner, orgAdmin, instanceAdmin };
  spare = await register(t, "Sixten Spare");
  resetTarget = await register(t, "Rut Reset");
  emailTarget = await register(t, "Emil Email");
}, 60_000);
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

describe("role matrix", () => {
  it("lists every endpoint of the OpenAPI document, each once, and nothing else", async () => {
    const doc = expectStatus<{ paths: Record<string, Record<string, unknown>> }>(await t.client().get("/api/openapi.json"), 200);
    const methods = ["get", "put", "post", "patch", "delete"];
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(40);
    const listed = [...ROLE_MATRIX.keys()];
    expect({ missingFromTable: documented.filter((e) => !ROLE_MATRIX.has(e)), notInDocument: listed.filter((e) => !documented.includes(e)) }).toEqual({
      missingFromTable: [],
      notInDocument: [],
    });
    expect(DUPLICATE_ROWS).toEqual([]);
  });

  it("has a request for every row of the table", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ROLE_MATRIX.keys()].sort());
  });

  it("lives in the world the table describes", async () => {
    const { otherOrgUser, orgMember, sender, leader, tutor, owner, orgAdmin, instanceAdmin } = people;
    const roleIn7B = async (p: Person) => {
      const res = await p.client.get(`/api/v1/groups/${groupId}`);
      return res.statusCode === 200 ? res.json().group.myRole : res.statusCode;
    };
    const standing = async (p: Person) => {
      const res = await p.client.get(`/api/v1/organisations/${orgId}`);
      return res.statusCode === 200 ? res.json().organisation.myRoles : res.statusCode;
    };
    const seen: Record<string, unknown> = {};
    for (const [role, p] of Object.entries(people)) seen[role] = { group: await roleIn7B(p), organisation: await standing(p) };
    expect(seen).toEqual({
      otherOrgUser: { group: 404, organisation: 404 },
      orgMember: { group: 404, organisation: { admin: false, groupCreator: false } },
      sender: { group: "sender", organisation: { admin: false, groupCreator: false } },
      leader: { group: "leader", organisation: { admin: false, groupCreator: false } },
      tutor: { group: "tutor", organisation: 404 },
      owner: { group: "leader", organisation: { admin: false, groupCreator: true } },
      orgAdmin: { group: null, organisation: { admin: true, groupCreator: true } },
      instanceAdmin: { group: 404, organisation: 404 },
    });
    expect((await owner.client.get(`/api/v1/groups/${groupId}`)).json().group).toMatchObject({ isOwner: true, type: "hierarchical" });
    expect((await instanceAdmin.client.get("/api/v1/me")).json().user.isInstanceAdmin).toBe(true);
    expect((await orgAdmin.client.get("/api/v1/me")).json().user.isInstanceAdmin).toBe(false);
    expect((await otherOrgUser.client.get(`/api/v1/organisations/${otherOrgId}`)).json().organisation.myRoles.admin).toBe(true);
    for (const p of [orgMember, sender, leader, tutor]) expect((await p.client.get("/api/v1/me")).statusCode).toBe(200);
  });

  const rows = [...ROLE_MATRIX.entries()].sort(([a], [b]) => (SCENARIOS[a]?.phase ?? 0) - (SCENARIOS[b]?.phase ?? 0));
  for (const [endpoint, expected] of rows) {
    it(endpoint, async () => {
      const scenario = SCENARIOS[endpoint];
      if (!scenario) throw new Error(`no request for ${endpoint} in SCENARIOS`);
      const method = endpoint.split(" ")[0] as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      await scenario.before?.();
      const actual: Record<string, Outcome | number> = {};
      const problems: string[] = [];
      try {
        for (const role of ROLES) {
          const person = role === "visitor" ? undefined : people[role];
          const call = await scenario.call(role, person);
          const res = call.stream ? await streamHead(call.url, person) : await clientOf(person).request(method, call.url, call.body, call.headers);
          call.after?.(res);
          actual[role] = outcomeOf(res);
          // Every refusal is in the one error shape (design.md §5).
          if (res.statusCode >= 400 && !(res.json() as { error?: { code?: unknown } }).error?.code) problems.push(`${role}: ${res.body}`);
        }
      } finally {
        await heal();
      }
      expect(actual).toEqual(expected);
      expect(problems).toEqual([]);
    });
  }
});
