/**
 * An organisation's sign-in rule (issue 8): the setting over the API, the administrator who may
 * not lock themselves out, members' sessions that end when the rule tightens, and joining.
 * Provider sessions are made directly in the database (auth/sessions.ts): the sign-in flow itself
 * is tested in the identities module; here only how a session began matters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SignInFacts } from "../../auth/sessions.js";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import {
  auditLog,
  createGroup,
  createOrganisation,
  expectStatus,
  groupCodes,
  inviteToGroup,
  register,
  uniqueEmail,
  type Person,
} from "../../../../test/helpers/world.js";
import { meetsSignInRule, type SignInRule } from "./sign-in-rules.js";

/** A provider is "configured" without one running: nothing here contacts it. */
const PROVIDER_ENV = { GOOGLE_CLIENT_ID: "openloop-test", GOOGLE_CLIENT_SECRET: "a test secret", OIDC_ISSUER: "http://127.0.0.1:9" };
const SCHOOL = "school.se";
const viaSchool: SignInFacts = { method: "oidc", hostedDomain: SCHOOL };
const org = (id: string, rest = "") => `/api/v1/organisations/${id}${rest}`;

/** A new client of `p` whose session began as `facts` (a second device, say). */
async function sessionOf(t: TestApp, p: Person, facts: SignInFacts): Promise<Person> {
  const { token } = await createSession(t.app.ctx.db, { userId: p.id, headers: {}, now: t.clock(), timeouts: t.app.ctx.timeouts, signIn: facts });
  const client = t.client();
  client.cookie = `openloop_session=${token}`;
  return { ...p, client };
}

const rule = (password: boolean, oidc: boolean, domain: string | null = null): SignInRule => ({
  is_password_sign_in_enabled: password,
  is_oidc_sign_in_enabled: oidc,
  required_oidc_domain: domain,
});

describe("meetsSignInRule", () => {
  const cases: Array<[string, SignInRule, SignInFacts, boolean]> = [
    ["password, everything allowed", rule(true, true), { method: "password", hostedDomain: null }, true],
    ["password, passwords off", rule(false, true), { method: "password", hostedDomain: null }, false],
    ["provider, provider off", rule(true, false), viaSchool, false],
    ["provider, no domain required", rule(false, true), { method: "oidc", hostedDomain: null }, true],
    ["provider, the required domain", rule(false, true, SCHOOL), viaSchool, true],
    ["provider, the required domain in capitals", rule(false, true, SCHOOL), { method: "oidc", hostedDomain: "School.SE" }, true],
    ["provider, another domain", rule(false, true, SCHOOL), { method: "oidc", hostedDomain: "other.se" }, false],
    ["provider, a personal account (no hd)", rule(true, true, SCHOOL), { method: "oidc", hostedDomain: null }, false],
    ["provider, a subdomain is not the domain", rule(true, true, SCHOOL), { method: "oidc", hostedDomain: `elev.${SCHOOL}` }, false],
    ["password still allowed beside a required domain", rule(true, true, SCHOOL), { method: "password", hostedDomain: null }, true],
  ];
  it.each(cases)("%s", (_name, r, facts, expected) => {
    expect(meetsSignInRule(r, facts)).toBe(expected);
  });
});

describe("organisation sign-in rule, with a provider configured", () => {
  let t: TestApp;
  /** Solskolan's administrator, signed in with a password. */
  let admin: Person;
  /** The same administrator signed in with the provider, with an account of school.se. */
  let adminViaSchool: Person;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: PROVIDER_ENV });
    admin = await register(t, "Astrid Admin");
    orgId = await createOrganisation(admin, "Solskolan");
    adminViaSchool = await sessionOf(t, admin, viaSchool);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A plain member of Solskolan, signed in with a password. */
  let student: Person;

  /** Puts the rule back to "every way in" between tests. */
  async function openUp(by: Person) {
    expectStatus(await by.client.patch(org(orgId), { signIn: { password: true, oidc: true, requiredDomain: null } }), 200);
  }

  it("should show the rule to administrators only, everything allowed by default", async () => {
    const body = expectStatus(await admin.client.get(org(orgId)), 200);
    expect(body.organisation.signIn).toEqual({ password: true, oidc: true, requiredDomain: null });
    const groupId = await createGroup(admin, orgId);
    student = await register(t, "Sam Student");
    expectStatus(await student.client.post("/api/v1/join", { code: (await groupCodes(admin, groupId)).sender }), 200);
    const seen = expectStatus(await student.client.get(org(orgId)), 200);
    expect(seen.organisation).not.toHaveProperty("signIn");
  });

  it("should refuse a rule without any way in, naming the field, and write nothing", async () => {
    const both = await adminViaSchool.client.patch(org(orgId), { name: "Renamed", signIn: { password: false, oidc: false } });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields).toEqual({ "signIn.password": "required" });
    const after = expectStatus(await adminViaSchool.client.get(org(orgId)), 200).organisation;
    expect(after.name).toBe("Solskolan");
    expect(after.signIn).toEqual({ password: true, oidc: true, requiredDomain: null });
  });

  it.each([["@school.se"], ["https://school.se"], ["school"], ["school..se"], ["-school.se"], ["skola.se/elever"], ["10.0.0.1"], [""], ["a".repeat(250) + ".se"], [42]])(
    "should refuse %j as a required domain with a 400 on signIn.requiredDomain",
    async (domain) => {
      const res = await adminViaSchool.client.patch(org(orgId), { signIn: { requiredDomain: domain } });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(["signIn.requiredDomain"]);
    },
  );

  it("should store a required domain lower-cased and drop it when the provider is switched off", async () => {
    const set = expectStatus(await adminViaSchool.client.patch(org(orgId), { signIn: { requiredDomain: "  School.SE " } }), 200);
    expect(set.organisation.signIn).toEqual({ password: true, oidc: true, requiredDomain: SCHOOL });
    const off = expectStatus(await admin.client.patch(org(orgId), { signIn: { oidc: false } }), 200);
    expect(off.organisation.signIn).toEqual({ password: true, oidc: false, requiredDomain: null });
    // The administrator's own provider session broke the new rule and ended with it.
    expect(off.sessionsEnded).toBe(1);
    expect((await adminViaSchool.client.get("/api/v1/me")).statusCode).toBe(401);
    await openUp(admin);
    adminViaSchool = await sessionOf(t, admin, viaSchool);
  });

  it("should not let the administrator lock themselves out: their own session must meet the new rule", async () => {
    const noPasswords = await admin.client.patch(org(orgId), { signIn: { password: false } });
    expect(noPasswords.statusCode).toBe(400);
    expect(noPasswords.json().error).toMatchObject({ code: "sign_in_method_not_allowed", fields: { signIn: "not_allowed" } });
    expect(noPasswords.json().error.message).toMatch(/^Sign in with Google first/);
    const otherDomain = await sessionOf(t, admin, { method: "oidc", hostedDomain: "other.se" });
    const wrongDomain = await otherDomain.client.patch(org(orgId), { signIn: { password: false, requiredDomain: SCHOOL } });
    expect(wrongDomain.statusCode).toBe(400);
    expect(wrongDomain.json().error.code).toBe("sign_in_method_not_allowed");
    expect(wrongDomain.json().error.message).toContain(`using an account of ${SCHOOL}`);
    // The refused change left the rule and the administrator's sessions as they were.
    expect(expectStatus(await admin.client.get(org(orgId)), 200).organisation.signIn).toEqual({ password: true, oidc: true, requiredDomain: null });
  });

  it("should end members' sessions that break a tightened rule, keep the others, and record it without naming anyone", async () => {
    const groupId = await createGroup(adminViaSchool, orgId, { name: "8A" });
    const code = (await groupCodes(adminViaSchool, groupId)).sender!;
    const pupil = await register(t, "Per Password");
    expectStatus(await pupil.client.post("/api/v1/join", { code }), 200);
    const pupilViaSchool = await sessionOf(t, pupil, viaSchool);
    const pupilViaGmail = await sessionOf(t, pupil, { method: "oidc", hostedDomain: null });
    // Not a member: the organisation's rule is none of its business.
    const outsider = await register(t, "Olle Outsider");

    const before = new Set((await auditLog(adminViaSchool, orgId)).map((e) => e.id));
    const res = expectStatus(await adminViaSchool.client.patch(org(orgId), { signIn: { password: false, requiredDomain: SCHOOL } }), 200);
    expect(res.organisation.signIn).toEqual({ password: false, oidc: true, requiredDomain: SCHOOL });
    // Per's password and gmail sessions, Sam's password session, and the administrator's
    // password and other.se sessions (the rule holds for every session, the actor's own too).
    expect(res.sessionsEnded).toBe(5);

    expect((await pupil.client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await student.client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await pupilViaGmail.client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await admin.client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await pupilViaSchool.client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await adminViaSchool.client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await outsider.client.get("/api/v1/me")).statusCode).toBe(200);

    const written = (await auditLog(adminViaSchool, orgId)).filter((e) => !before.has(e.id));
    expect(written).toHaveLength(1);
    const [event] = written;
    expect(event).toMatchObject({
      action: "organisation.sign_in_rule_changed",
      actor: { id: admin.id },
      subjectType: "organisation",
      subjectId: orgId,
      data: { password: false, oidc: true, required_domain: SCHOOL, sessions_ended: 5 },
    });
    expect(JSON.stringify(event!.data)).not.toMatch(new RegExp(`${pupil.id}|${pupil.email}|${admin.id}`));

    // A password sign-in is refused for a member, naming the organisation; allowed for others.
    const refused = await t.client().signIn(pupil.email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: "sign_in_method_not_allowed", fields: { organisation: orgId } });
    expect(refused.json().error.message).toContain("Solskolan");
    expect((await t.client().signIn(outsider.email)).statusCode).toBe(200);

    // Sending the same rule again changes nothing and records nothing.
    const logged = (await auditLog(adminViaSchool, orgId)).length;
    const again = expectStatus(await adminViaSchool.client.patch(org(orgId), { signIn: { password: false } }), 200);
    expect(again.sessionsEnded).toBe(0);
    expect(await auditLog(adminViaSchool, orgId)).toHaveLength(logged);

    await openUp(adminViaSchool);
  });

  describe("joining an organisation with a rule", () => {
    let orgB: string;
    let groupB: string;
    let code: string;
    /** Bergskolan's administrator, signed in with the provider (school.se). */
    let boss: Person;

    beforeAll(async () => {
      const bossByPassword = await register(t, "Berit Boss");
      orgB = await createOrganisation(bossByPassword, "Bergskolan");
      boss = await sessionOf(t, bossByPassword, viaSchool);
      groupB = await createGroup(boss, orgB, { name: "9C" });
      code = (await groupCodes(boss, groupB)).sender!;
      expectStatus(await boss.client.patch(org(orgB), { signIn: { password: false, requiredDomain: SCHOOL } }), 200);
    });

    /** Bergskolan's members' ids as its administrator lists them. */
    const memberIds = async () => expectStatus<{ members: Array<{ userId: string }> }>(await boss.client.get(org(orgB, "/members")), 200).members.map((m) => m.userId);

    it("should refuse a join code to someone signed in with a password (403 naming the organisation) and write nothing", async () => {
      const newcomer = await register(t, "Nils Newcomer");
      const res = await newcomer.client.post("/api/v1/join", { code });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: "sign_in_method_not_allowed", fields: { organisation: orgB } });
      expect(await memberIds()).not.toContain(newcomer.id);
      expect((await newcomer.client.get(org(orgB))).statusCode).toBe(404);
      expect(await auditLog(boss, orgB, { action: "join.by_code" })).toHaveLength(0);

      // Signed in with an account of the school, the same code works, and the password session on
      // the first device ends: the rule holds for every live session of a member.
      const newcomerViaSchool = await sessionOf(t, newcomer, viaSchool);
      expect(expectStatus(await newcomerViaSchool.client.post("/api/v1/join", { code }), 200)).toMatchObject({ organisationId: orgB, groupId: groupB });
      expect(await memberIds()).toContain(newcomer.id);
      expect((await newcomer.client.get("/api/v1/me")).statusCode).toBe(401);
      expect((await newcomerViaSchool.client.get("/api/v1/me")).statusCode).toBe(200);
    });

    it("should refuse an invitation to someone signed in with another domain and leave the invitation usable", async () => {
      const invitee = await register(t, "Ivar Invitee", { email: uniqueEmail("ivar") });
      const { token } = await inviteToGroup(t, boss, groupB, invitee.email, "leader");
      const otherDomain = await sessionOf(t, invitee, { method: "oidc", hostedDomain: "other.se" });
      const res = await otherDomain.client.post("/api/v1/invitations/accept", { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("sign_in_method_not_allowed");
      expect(await memberIds()).not.toContain(invitee.id);
      const viaSchoolNow = await sessionOf(t, invitee, viaSchool);
      expectStatus(await viaSchoolNow.client.post("/api/v1/invitations/accept", { token }), 200);
      expect(await memberIds()).toContain(invitee.id);
    });

    it("should end the password sessions of someone an administrator adds", async () => {
      const colleague = await register(t, "Cecilia Colleague");
      const colleagueViaSchool = await sessionOf(t, colleague, viaSchool);
      expectStatus(await boss.client.post(org(orgB, "/admins"), { email: colleague.email }), 204);
      expect((await colleague.client.get("/api/v1/me")).statusCode).toBe(401);
      expect((await colleagueViaSchool.client.get(org(orgB))).statusCode).toBe(200);
      const creator = await register(t, "Greta Groupcreator");
      expect(expectStatus(await boss.client.post(org(orgB, "/group-creators"), { email: creator.email }), 200).outcome).toBe("granted");
      expect((await creator.client.get("/api/v1/me")).statusCode).toBe(401);
    });

    it("should bind a tutor only once they become a member: a tutor's password session ends when made a sender", async () => {
      const tutor = await register(t, "Tua Tutor");
      // A tutor is a guest of the group, not a member: the rule does not apply to them.
      const tutorViaSchool = await sessionOf(t, tutor, viaSchool);
      const { token } = await inviteToGroup(t, boss, groupB, tutor.email, "tutor");
      expect(expectStatus(await tutor.client.post("/api/v1/invitations/accept", { token }), 200).role).toBe("tutor");
      expect((await tutor.client.get("/api/v1/me")).statusCode).toBe(200);
      expectStatus(await boss.client.patch(`/api/v1/groups/${groupB}/members/${tutor.id}`, { role: "sender" }), 204);
      expect((await tutor.client.get("/api/v1/me")).statusCode).toBe(401);
      expect((await tutorViaSchool.client.get(org(orgB))).statusCode).toBe(200);
    });
  });
});

describe("organisation sign-in rule, without a provider", () => {
  let t: TestApp;
  let admin: Person;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await register(t, "Astrid Admin");
    orgId = await createOrganisation(admin, "Solskolan");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("should refuse the provider alone and a required domain, naming the field", async () => {
    const alone = await admin.client.patch(org(orgId), { signIn: { password: false, oidc: true } });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().error.fields).toEqual({ "signIn.oidc": "not_allowed" });
    const domain = await admin.client.patch(org(orgId), { signIn: { requiredDomain: SCHOOL } });
    expect(domain.statusCode).toBe(400);
    expect(domain.json().error.fields).toEqual({ "signIn.requiredDomain": "not_allowed" });
    expect(expectStatus(await admin.client.get(org(orgId)), 200).organisation.signIn).toEqual({ password: true, oidc: true, requiredDomain: null });
  });

  it("should still let passwords be the only way in", async () => {
    const res = expectStatus(await admin.client.patch(org(orgId), { signIn: { oidc: false } }), 200);
    expect(res.organisation.signIn).toEqual({ password: true, oidc: false, requiredDomain: null });
    expect(res.sessionsEnded).toBe(0);
    expect((await admin.client.get("/api/v1/me")).statusCode).toBe(200);
  });
});
