import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../../test/helpers/test-app.js";
import { expectStatus, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { linkIn, recipients } from "../../../../test/helpers/smtp.js";
import { auditRows } from "../../../../test/helpers/audit.js";
import type { NotificationKind } from "../../../shared/schemas/notifications.js";
import { digestEmail, immediateEmail } from "./emails.js";
import { DIGEST_JOB, digestInstant, sendImmediate, SWEEP_JOB } from "./jobs.js";
import { notify } from "./notify.js";
import { unsubscribeToken } from "./unsubscribe.js";

let t: TestApp;
const api = (rest: string) => `/api/v1${rest}`;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Messages to `email` that arrived at or after message number `since`. */
const mailsTo = (email: string, since = 0) => t.smtp.messages.slice(since).filter((m) => recipients(m).includes(email.toLowerCase()));
/** Lets queued e-mail jobs finish and the SMTP server take what they sent. */
async function settle() {
  await t.app.ctx.jobs.idle();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
/** One header as sent (unfolded). */
function header(m: ParsedMail, name: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.replace(/^[^:]+:\s*/, "").replace(/\r?\n[ \t]+/g, "");
}
const everything = (m: ParsedMail) => [m.subject ?? "", m.text ?? "", typeof m.html === "string" ? m.html : "", ...m.headerLines.map((h) => h.line)].join("\n");

async function setPreferences(p: Person, preferences: Partial<Record<NotificationKind, "immediate" | "digest" | "off">>) {
  expectStatus(await p.client.put(api("/me/notification-preferences"), { preferences }), 200);
}
async function preferences(p: Person): Promise<Record<string, string>> {
  const body = expectStatus<{ preferences: { kind: string; delivery: string }[] }>(await p.client.get(api("/me/notification-preferences")), 200);
  return Object.fromEntries(body.preferences.map((x) => [x.kind, x.delivery]));
}
const comment = async (p: Person, loopId: string, text = "Nice work, keep going") =>
  expectStatus(await p.client.post(api(`/loops/${loopId}/comments`), { text }), 201);

/** Moves the fake clock to `offsetMs` from the next digest instant of the zone (strictly after now). */
function moveToDigest(timeZone: string, offsetMs: number) {
  const now = t.clock();
  let instant = digestInstant(now, timeZone);
  if (instant <= now) instant = digestInstant(new Date(now.getTime() + DAY), timeZone);
  t.clock.advance(instant.getTime() + offsetMs - now.getTime());
}
const runDigest = async () => {
  await t.app.ctx.jobs.runScheduled(DIGEST_JOB);
  await settle();
};
/** An unsubscribe POST as a mail provider sends it: a form body, no Origin, no cookie. */
const oneClick = (token: string) =>
  t.app.inject({
    method: "POST",
    url: api(`/unsubscribe?token=${encodeURIComponent(token)}`),
    payload: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const status = async (id: string) => (await t.db.handle.db.selectFrom("notifications").select("email_status").where("id", "=", id).executeTakeFirstOrThrow()).email_status;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("notification e-mails", () => {
  it("should answer a visitor's unsubscribe requests without a session, and 404 for a token that is not genuine", async () => {
    const visitor = t.client();
    for (const method of ["GET", "POST"] as const) {
      const res = await visitor.request(method, api(`/unsubscribe?token=${MISSING_ID}.comment_created.${"A".repeat(43)}`));
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await visitor.get(api("/unsubscribe"))).statusCode).toBe(400);
  });

  describe("immediately", () => {
    let c: Class;
    let s1: Person;
    let s2: Person;
    beforeAll(async () => {
      c = await setupClass(t, { students: 2 });
      [s1, s2] = c.students as [Person, Person];
      expectStatus(await s1.client.patch(api("/me"), { language: "sv" }), 200);
    });

    it("sends a comment to the loop's sender at once, in their language, with List-Unsubscribe headers and no text of the thread", async () => {
      const loop = await sendLoop(s1, c.groupId, { text: "My private thoughts" });
      const since = t.smtp.messages.length;
      await comment(c.teacher, loop.id, "A private reply");
      await settle();
      const [mail, ...more] = mailsTo(s1.email, since);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe("Teacher Berg kommenterade en loop i 7B (Solskolan)");
      expect(mail!.text).toContain("Hej Student 1!");
      expect(mail!.text).toContain(`${TEST_ORIGIN}/loops/${loop.id}`);
      expect(mail!.html).toContain(`href="${TEST_ORIGIN}/loops/${loop.id}"`);
      expect(everything(mail!)).not.toMatch(/private/i);
      expect(header(mail!, "List-Unsubscribe")).toMatch(new RegExp(`^<${TEST_ORIGIN}/api/v1/unsubscribe\\?token=${s1.id}\\.comment_created\\.[\\w-]{43}>$`));
      expect(header(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(linkIn(mail!, "/unsubscribe?token=")).toContain(`${TEST_ORIGIN}/unsubscribe?token=${s1.id}.comment_created.`);
      expect(linkIn(mail!, "/profile/notifications")).toBe(`${TEST_ORIGIN}/profile/notifications`);
      // The teacher's new loops come in the digest by default: nothing at once.
      expect(mailsTo(c.teacher.email, since)).toEqual([]);
    });

    it("sends nothing when the kind is off, and waits for the digest when it is on the digest", async () => {
      await setPreferences(s1, { comment_created: "off" });
      await setPreferences(s2, { comment_created: "digest" });
      const l1 = await sendLoop(s1, c.groupId);
      const l2 = await sendLoop(s2, c.groupId);
      const since = t.smtp.messages.length;
      await comment(c.teacher, l1.id);
      await comment(c.teacher, l2.id);
      await settle();
      expect(mailsTo(s1.email, since)).toEqual([]);
      expect(mailsTo(s2.email, since)).toEqual([]);

      moveToDigest("Europe/Stockholm", MINUTE);
      await runDigest();
      // s1's digest (of the class's tasks) does not carry the comment either.
      expect(mailsTo(s1.email, since).filter((m) => m.text?.includes(l1.id))).toEqual([]);
      const digest = mailsTo(s2.email, since);
      expect(digest).toHaveLength(1);
      expect(digest[0]!.text).toContain(`Teacher Berg commented on a loop: ${TEST_ORIGIN}/loops/${l2.id}`);
      await setPreferences(s1, { comment_created: "immediate" });
      await setPreferences(s2, { comment_created: "immediate" });
    });

    it("sends what a dead process left unsent once, from the sweep, and never twice when two runners race", async () => {
      const loop = await sendLoop(s2, c.groupId);
      // Written as a command would, but the process "died" before its job ran (no announce).
      const notified = await t.app.ctx.db.transaction().execute((tx) =>
        notify(tx, { kind: "comment_created", organisationId: c.orgId, groupId: c.groupId, recipients: [s2.id], actorId: c.teacher.id, subject: { loopId: loop.id }, at: t.clock() }),
      );
      const [id] = notified.immediate;
      const since = t.smtp.messages.length;
      await t.app.ctx.jobs.runScheduled(SWEEP_JOB);
      await settle();
      expect(mailsTo(s2.email, since)).toEqual([]); // too fresh: its own job may still be on the way
      t.clock.advance(3 * MINUTE);
      await Promise.all([t.app.ctx.jobs.runScheduled(SWEEP_JOB), sendImmediate(t.app.ctx, [id!]), sendImmediate(t.app.ctx, [id!])]);
      await t.app.ctx.jobs.runScheduled(SWEEP_JOB);
      await settle();
      expect(mailsTo(s2.email, since)).toHaveLength(1);
      expect(await status(id!)).toBe("sent");
    });

    it("does not send a row whose kind its recipient turned off after it was written", async () => {
      const loop = await sendLoop(s2, c.groupId);
      const notified = await t.app.ctx.db.transaction().execute((tx) =>
        notify(tx, { kind: "comment_created", organisationId: c.orgId, groupId: c.groupId, recipients: [s2.id], actorId: c.teacher.id, subject: { loopId: loop.id }, at: t.clock() }),
      );
      await setPreferences(s2, { comment_created: "off" });
      const since = t.smtp.messages.length;
      await sendImmediate(t.app.ctx, notified.immediate);
      await settle();
      expect(mailsTo(s2.email, since)).toEqual([]);
      expect(await status(notified.immediate[0]!)).toBe("none");
      await setPreferences(s2, { comment_created: "immediate" });
    });
  });

  describe("the daily digest", () => {
    it("sends exactly one e-mail per person at the digest hour with their items by group, and nothing twice", async () => {
      const c = await setupClass(t, { students: 2, orgName: "Digestskolan" });
      const [s1, s2] = c.students as [Person, Person];
      moveToDigest("Europe/Stockholm", -3 * 60 * MINUTE);
      const l1 = await sendLoop(s1, c.groupId, { text: "not for e-mail" });
      const l2 = await sendLoop(s2, c.groupId, { taskId: c.tasks[0]!.id, text: "not for e-mail either" });
      const task = expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tasks`), { title: "Essay <draft>", published: true }), 201).task;
      const since = t.smtp.messages.length;
      await settle();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);

      moveToDigest("Europe/Stockholm", -MINUTE);
      await runDigest();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);

      t.clock.advance(2 * MINUTE);
      await runDigest();
      const teacherMails = mailsTo(c.teacher.email, since);
      expect(teacherMails).toHaveLength(1);
      const mail = teacherMails[0]!;
      expect(mail.subject).toBe("Openloop: 2 new notifications in Digestskolan");
      expect(mail.text).toContain("7B\n");
      expect(mail.text).toContain(`- Student 1 sent a loop: ${TEST_ORIGIN}/loops/${l1.id}`);
      expect(mail.text).toContain(`- Student 2 sent a loop: “Week 1 reflection”: ${TEST_ORIGIN}/loops/${l2.id}`);
      expect(everything(mail)).not.toContain("not for e-mail");
      expect(linkIn(mail, "/unsubscribe?token=")).toContain(`.loop_created.`);
      expect(header(mail, "List-Unsubscribe")).toMatch(new RegExp(`^<${TEST_ORIGIN}/api/v1/unsubscribe\\?token=${c.teacher.id}\\.digest\\.[\\w-]{43}>$`));
      expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      for (const s of [s1, s2]) {
        const mine = mailsTo(s.email, since);
        expect(mine).toHaveLength(1);
        expect(mine[0]!.text).toContain(`Teacher Berg published a task: “Essay <draft>”: ${TEST_ORIGIN}/groups/${c.groupId}/tasks`);
        expect(mine[0]!.html).toContain("Essay &lt;draft&gt;");
        expect(mine[0]!.html).not.toContain("<draft>");
      }
      expect(task.title).toBe("Essay <draft>");

      const after = t.smtp.messages.length;
      await runDigest();
      t.clock.advance(DAY);
      await runDigest();
      expect(t.smtp.messages.length).toBe(after);
    });

    it("follows the organisation's time zone: nothing before 16:00 there, one e-mail after", async () => {
      const c = await setupClass(t, { students: 1, orgName: "New York School" });
      expectStatus(await c.teacher.client.patch(api(`/organisations/${c.orgId}`), { timeZone: "America/New_York" }), 200);
      moveToDigest("America/New_York", -8 * 60 * MINUTE);
      await sendLoop(c.students[0]!, c.groupId);
      const since = t.smtp.messages.length;
      // 16:00 in Stockholm has come (six hours before New York's).
      moveToDigest("Europe/Stockholm", MINUTE);
      await runDigest();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);
      moveToDigest("America/New_York", -MINUTE);
      await runDigest();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);
      t.clock.advance(2 * MINUTE);
      await runDigest();
      expect(mailsTo(c.teacher.email, since)).toHaveLength(1);
    });
  });

  describe("unsubscribe links", () => {
    let c: Class;
    let s1: Person;
    let mail: ParsedMail;
    beforeAll(async () => {
      c = await setupClass(t, { students: 1, orgName: "Avregistreringsskolan" });
      s1 = c.students[0]!;
      const loop = await sendLoop(s1, c.groupId);
      const since = t.smtp.messages.length;
      await comment(c.teacher, loop.id);
      await settle();
      mail = mailsTo(s1.email, since)[0]!;
    });

    it("tells what the link turns off, and turns off only that kind, with one click and no session", async () => {
      const token = tokenOf(linkIn(mail, "/unsubscribe?token="));
      expect(tokenOf(header(mail, "List-Unsubscribe")!.slice(1, -1))).toBe(token);
      const visitor = t.client();
      const [, local, domain] = /^(.)[^@]*(@.*)$/.exec(s1.email)!;
      expect(expectStatus(await visitor.get(api(`/unsubscribe?token=${encodeURIComponent(token)}`)), 200)).toEqual({ kind: "comment_created", email: `${local}***${domain}`, off: false });
      const before = await preferences(s1);

      const res = await oneClick(token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ kind: "comment_created" });
      expect(await preferences(s1)).toEqual({ ...before, comment_created: "off" });
      expect(expectStatus(await visitor.get(api(`/unsubscribe?token=${encodeURIComponent(token)}`)), 200).off).toBe(true);
      // Again (a provider retrying): the same answer, nothing else changes.
      expect((await oneClick(token)).statusCode).toBe(200);
      expect(await preferences(s1)).toEqual({ ...before, comment_created: "off" });

      const audit = (await auditRows(t.db.handle.db)).filter((a) => a.action === "notifications.unsubscribed" && a.subject_id === s1.id);
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({ actor_id: s1.id, outcome: "success" });
      await setPreferences(s1, { comment_created: "immediate" });
    });

    it("accepts the web page's POST (same origin, no body) and a multipart one-click body", async () => {
      const token = await unsubscribeToken(t.app.ctx.db, s1.id, "task_published", t.clock());
      expect(expectStatus(await t.client().post(api(`/unsubscribe?token=${encodeURIComponent(token)}`)), 200)).toEqual({ kind: "task_published" });
      const boundary = "----oneclick";
      const res = await t.app.inject({
        method: "POST",
        url: api(`/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(t.app.ctx.db, s1.id, "post_published", t.clock()))}`),
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await preferences(s1)).toMatchObject({ task_published: "off", post_published: "off", comment_created: "immediate" });
      await setPreferences(s1, { task_published: "digest", post_published: "digest" });
    });

    it("answers 404 to a tampered token, another kind's or another person's signature", async () => {
      const token = tokenOf(linkIn(mail, "/unsubscribe?token="));
      const [userId, kind, signature] = token.split(".") as [string, string, string];
      const other = await register(t, "Otto Other");
      const othersToken = await unsubscribeToken(t.app.ctx.db, other.id, "comment_created", t.clock());
      const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
      const bad = [
        `${userId}.${kind}.${flipped}`,
        `${userId}.loop_approved.${signature}`,
        `${userId}.digest.${signature}`,
        `${other.id}.${kind}.${signature}`,
        `${userId}.${kind}.${othersToken.split(".")[2]}`,
        `${userId}.${kind}.${signature}.extra`,
        `${userId}.no_such_kind.${signature}`,
        `${MISSING_ID}.${kind}.${signature}`,
        "not-a-token-at-all",
      ];
      const missing = await t.client().get(api(`/unsubscribe?token=${MISSING_ID}.${kind}.${signature}`));
      for (const b of bad) {
        const got = await t.client().get(api(`/unsubscribe?token=${encodeURIComponent(b)}`));
        expect(got.statusCode, b).toBe(404);
        expect(got.body).toBe(missing.body);
        expect((await oneClick(b)).statusCode, b).toBe(404);
      }
      expect((await preferences(s1)).comment_created).toBe("immediate");
      expect((await preferences(other)).comment_created).toBe("immediate");
    });

    it("still refuses a cross-origin or Origin-less POST anywhere else", async () => {
      const evil = { origin: "https://evil.example" };
      for (const [url, headers] of [
        [api("/feed/read-all"), evil],
        [api("/me/sessions/revoke-others"), evil],
        [api("/unsubscribe/extra"), {}],
        [api("/auth/sign-out"), {}],
      ] as const) {
        const res = await t.app.inject({ method: "POST", url, headers: { ...headers, cookie: s1.client.cookie! } });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe("csrf");
      }
      expect((await s1.client.get(api("/me"))).statusCode).toBe(200);
    });

    it("a digest's header link turns off every kind that comes in the digest, and no other", async () => {
      const token = await unsubscribeToken(t.app.ctx.db, s1.id, "digest", t.clock());
      const visitor = t.client();
      expect(expectStatus(await visitor.get(api(`/unsubscribe?token=${encodeURIComponent(token)}`)), 200)).toMatchObject({ kind: "digest", off: false });
      const before = await preferences(s1);
      expect(expectStatus(await oneClick(token), 200)).toEqual({ kind: "digest" });
      const after = await preferences(s1);
      for (const [kind, delivery] of Object.entries(before)) expect(after[kind], kind).toBe(delivery === "digest" ? "off" : delivery);
      expect(Object.values(before)).toContain("digest");
      expect(expectStatus(await visitor.get(api(`/unsubscribe?token=${encodeURIComponent(token)}`)), 200).off).toBe(true);
    });
  });

  describe("anonymous loops", () => {
    it("never e-mail at once, and the leader's digest has no trace of the sender", async () => {
      const c = await setupClass(t, { students: 1, orgName: "Anonskolan" });
      const s = c.students[0]!;
      await setPreferences(c.teacher, { loop_created: "immediate", comment_created: "immediate" });
      moveToDigest("Europe/Stockholm", -2 * 60 * MINUTE);
      const since = t.smtp.messages.length;
      const loop = await sendLoop(s, c.groupId, { anonymous: true, text: "a secret" });
      // The teacher takes part in the thread, so the sender's answer concerns them.
      await comment(c.teacher, loop.id, "Tell me more");
      await comment(s, loop.id, "one more secret");
      await settle();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);
      // The sweep does not send them either: they wait for the digest.
      t.clock.advance(5 * MINUTE);
      await t.app.ctx.jobs.runScheduled(SWEEP_JOB);
      await settle();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);

      // Today's digest leaves them out: the next run today (a second e-mail) would tell they came after it.
      moveToDigest("Europe/Stockholm", MINUTE);
      await runDigest();
      t.clock.advance(60 * MINUTE);
      await runDigest();
      expect(mailsTo(c.teacher.email, since)).toEqual([]);
      // The whole day's come in the next day's one digest.
      moveToDigest("Europe/Stockholm", MINUTE);
      await runDigest();
      const mails = mailsTo(c.teacher.email, since);
      expect(mails).toHaveLength(1);
      const all = everything(mails[0]!);
      expect(mails[0]!.text).toContain(`Someone (anonymous) sent a loop: ${TEST_ORIGIN}/loops/${loop.id}`);
      expect(mails[0]!.text).toContain("Someone (anonymous) commented on a loop");
      for (const trace of [s.name, s.email, s.id, "secret"]) expect(all).not.toContain(trace);
    });
  });

  describe("the e-mails themselves", () => {
    const item = { kind: "post_published" as const, actorName: "Ann <b>", groupName: "7B & 8A", organisationName: "Skolan", title: '<img src=x onerror="alert(1)">', path: "/groups/g/posts/p" };
    const links = { header: "https://x.example/api/v1/unsubscribe?token=a", pages: { post_published: "https://x.example/unsubscribe?token=a" }, settings: "https://x.example/profile/notifications" };

    it("escapes every name and title in the HTML part", () => {
      for (const m of [immediateEmail({ email: "a@b.example", name: "<i>Eve</i>", language: "en" }, item, "https://x.example", links), digestEmail({ email: "a@b.example", name: "<i>Eve</i>", language: "sv" }, "Skolan <s>", [item], "https://x.example", links)]) {
        expect(m.html).not.toMatch(/<img|<i>|<b>|<s>/);
        expect(m.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
        expect(m.subject).not.toContain("\n");
      }
    });
  });
});
