/**
 * Building blocks for tests of organisations, groups and joining: people, organisations,
 * groups and memberships, all made through the public API (no rows written behind its back).
 */
import type { LightMyRequestResponse } from "fastify";
import type { ParsedMail } from "mailparser";
import { expect } from "vitest";
import { linkIn, recipients } from "./smtp.js";
import { DEFAULT_PASSWORD, type TestApp, type TestClient } from "./test-app.js";

export interface Person {
  client: TestClient;
  id: string;
  email: string;
  name: string;
}

let seq = 0;
/** A fresh, lower-case e-mail address (each test file has its own database). */
export const uniqueEmail = (prefix = "person") => `${prefix.toLowerCase().replace(/[^a-z0-9]/g, "")}${++seq}@school.example`;

/** A UUIDv4 that no row has. */
export const MISSING_ID = "6f1c2b9e-4d3a-4c55-9e21-0a7b8c9d1e2f";

/** Throws with the response body unless the status is the expected one; returns the JSON body. */
export function expectStatus<T = ReturnType<typeof JSON.parse>>(res: LightMyRequestResponse, status: number): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

/** Registers a new account (and signs it in) in its own client. */
export async function register(t: TestApp, name: string, opts: { email?: string; ip?: string } = {}): Promise<Person> {
  const client = t.client(opts.ip ? { ip: opts.ip } : {});
  const email = opts.email ?? uniqueEmail(name);
  const user = await client.register({ name, email });
  return { client, id: user.id, email, name };
}

/** A second client with the same session, so a test can change its cookie jar freely. */
export function sameSession(t: TestApp, p: Person): TestClient {
  const c = t.client();
  c.cookie = p.client.cookie;
  return c;
}

export async function createOrganisation(p: Person, name = "Solskolan", type = "school"): Promise<string> {
  return expectStatus(await p.client.post("/api/v1/organisations", { name, type }), 201).organisation.id;
}

export async function createGroup(
  p: Person,
  orgId: string,
  body: { name?: string; type?: "hierarchical" | "flat"; hasStudentMembers?: boolean; description?: string } = {},
): Promise<string> {
  const res = await p.client.post(`/api/v1/organisations/${orgId}/groups`, { name: "Class 7B", type: "hierarchical", hasStudentMembers: true, ...body });
  return expectStatus(res, 201).group.id;
}

/** The organisation's administrator gives `p` the group-creator right (p has an account). */
export async function makeGroupCreator(admin: Person, orgId: string, p: Person): Promise<void> {
  const body = expectStatus(await admin.client.post(`/api/v1/organisations/${orgId}/group-creators`, { email: p.email }), 200);
  if (body.outcome !== "granted") throw new Error(`expected granted, got ${body.outcome}`);
}

/** The group's codes by purpose, as its owner or a leader sees them. */
export async function groupCodes(p: Person, groupId: string): Promise<Record<string, string>> {
  const body = expectStatus<{ codes: Array<{ purpose: string; code: string }> }>(await p.client.get(`/api/v1/groups/${groupId}/codes`), 200);
  return Object.fromEntries(body.codes.map((c) => [c.purpose, c.code]));
}

/** Switches the group's leader code on (creating it) and returns it; only the owner may. */
export async function enableLeaderCode(owner: Person, groupId: string): Promise<string> {
  return expectStatus(await owner.client.patch(`/api/v1/groups/${groupId}/codes/leader`, { enabled: true }), 200).code;
}

export async function join(p: Person, code: string): Promise<{ kind: string; organisationId: string; groupId: string | null; role: string }> {
  return expectStatus(await p.client.post("/api/v1/join", { code }), 200);
}

/**
 * Waits for the first message to `email` that arrived at or after message number `since`, other
 * than notification e-mails (they carry List-Unsubscribe and come from background jobs, so one
 * may arrive between an action and the account or invitation mail a test waits for).
 */
export function mailTo(t: TestApp, email: string, since = 0): Promise<ParsedMail> {
  return t.smtp.waitFor(
    (m) => t.smtp.messages.indexOf(m) >= since && !m.headerLines.some((h) => h.key === "list-unsubscribe") && recipients(m).map((r) => r.toLowerCase()).includes(email.toLowerCase()),
  );
}

/** The invitation token carried by an invitation e-mail's link. */
export function invitationToken(mail: ParsedMail): string {
  const token = new URL(linkIn(mail, "/invitations/accept?token=")).searchParams.get("token");
  if (!token) throw new Error("no token in the invitation link");
  return token;
}

/** Invites `email` to a group with a role and returns the invitation id and the mailed token. */
export async function inviteToGroup(
  t: TestApp,
  inviter: Person,
  groupId: string,
  email: string,
  role: "sender" | "leader" | "tutor",
): Promise<{ invitationId: string; token: string }> {
  const since = t.smtp.messages.length;
  const invitation = expectStatus(await inviter.client.post(`/api/v1/groups/${groupId}/invitations`, { email, role }), 201);
  return { invitationId: invitation.id, token: invitationToken(await mailTo(t, email, since)) };
}

export async function acceptInvitation(p: Person, token: string) {
  return expectStatus(await p.client.post("/api/v1/invitations/accept", { token }), 200);
}

/** Adds `p` to a group as a tutor: by e-mail invitation, the only way in that makes no organisation member. */
export async function addTutor(t: TestApp, owner: Person, groupId: string, p: Person): Promise<void> {
  const { token } = await inviteToGroup(t, owner, groupId, p.email, "tutor");
  const joined = await acceptInvitation(p, token);
  if (joined.role !== "tutor") throw new Error(`expected to join as tutor, got ${joined.role}`);
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  outcome: "success" | "denied" | "failure";
  actor: { id: string; name: string } | null;
  subjectType: string;
  subjectId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

/** The organisation's audit log as its administrator reads it. */
export async function auditLog(admin: Person, orgId: string, query: Record<string, string> = {}): Promise<AuditRow[]> {
  const qs = new URLSearchParams({ limit: "500", ...query }).toString();
  return expectStatus<{ events: AuditRow[] }>(await admin.client.get(`/api/v1/organisations/${orgId}/audit?${qs}`), 200).events;
}

export { DEFAULT_PASSWORD };

/** Asserts that a foreign id and a non-existent id get the very same 404 answer. */
export async function expectLikeMissing(c: TestClient, method: "GET" | "POST" | "PATCH" | "DELETE", foreignUrl: string, missingUrl: string, body?: object) {
  const foreign = await c.request(method, foreignUrl, body);
  const missing = await c.request(method, missingUrl, body);
  expect(foreign.statusCode, `${method} ${foreignUrl}: ${foreign.body}`).toBe(404);
  expect(missing.statusCode, `${method} ${missingUrl}`).toBe(404);
  expect(foreign.body).toBe(missing.body);
  expect(foreign.headers["content-type"]).toBe(missing.headers["content-type"]);
}
