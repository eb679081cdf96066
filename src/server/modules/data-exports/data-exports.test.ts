import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, multipartFile, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, createGroup, expectStatus, groupCodes, join, makeGroupCreator, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { multipartLoop, pngBytes, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import type { DataExport, DataExportList } from "../../../shared/schemas/data-exports.js";
import { newBlobKey } from "../../storage/blob-store.js";
import { loopPagesOf } from "../loops/personal-data.js";
import { buildExport, deleteExportsOf } from "./commands.js";
import { loopItemPages } from "./content.js";
import { EXPIRE_EXPORTS_JOB } from "./jobs.js";
import { writeZip } from "./zip.js";

let t: TestApp;
/** Solskolan with an administrator outside 7B; 7B: Teacher Berg (owner) and two students. */
let c: Class;
let me: Person;
let other: Person;
let outsider: Person;
let flatGroupId: string;
const SCRIPT = "<script>alert('x')</script>";
const MY_TEXT = `Today I built a bridge ${SCRIPT}`;
const MY_SECRET = "My anonymous worry about the test";
const OTHER_TEXT = "Other student's private reflection";
const TEACHER_COMMENT = "Well done, keep going!";
let png: Buffer;
let myLoopId: string;
let myImage: Buffer;

const api = (rest: string) => `/api/v1${rest}`;

async function requestMine(p: Person) {
  return expectStatus<{ export: DataExport }>(await p.client.post(api("/me/exports")), 202).export;
}
async function myExports(p: Person) {
  return expectStatus<DataExportList>(await p.client.get(api("/me/exports")), 200);
}
/** Waits for the build job, then returns the export as its requester sees it. */
async function whenReady(p: Person, id: string) {
  await t.app.ctx.jobs.idle();
  const found = (await myExports(p)).exports.find((e) => e.id === id);
  if (!found) throw new Error("export not listed");
  return found;
}
async function download(p: Person, e: DataExport): Promise<JSZip> {
  const res = await p.client.get(e.downloadUrl!);
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toBe("application/zip");
  expect(res.headers["content-disposition"]).toMatch(/^attachment;/);
  return JSZip.loadAsync(res.rawPayload);
}
/** Every text entry of the archive, concatenated (to search for other people's data). */
async function allText(zip: JSZip): Promise<string> {
  const parts: string[] = [];
  for (const [name, file] of Object.entries(zip.files)) if (/\.(json|html|csv)$/.test(name)) parts.push(await file.async("string"));
  return parts.join("\n");
}
const readJson = async <T>(zip: JSZip, name: string): Promise<T> => JSON.parse(await zip.file(name)!.async("string")) as T;
const exportBlobs = async () => {
  const keys: string[] = [];
  for await (const key of t.app.ctx.blobs.list()) if (key.startsWith("exports/")) keys.push(key);
  return keys;
};
const auditOf = (exportId: string) =>
  t.db.handle.db.selectFrom("audit_events").select(["action", "outcome"]).where("subject_id", "=", exportId).orderBy("created_at").execute();

type LoopJson = { id: string; text: string; anonymous: boolean; edited: boolean; tags: string[]; emoji: number; task: string | null; sender?: string | null; sentAt: string; attachments: { file: string; name: string }[]; comments: { author: string; text: string; mine: boolean }[] };

beforeAll(async () => {
  t = await createTestApp();
  png = await pngBytes(40, 30);
  c = await setupClass(t, { students: 2, withAdmin: true });
  [me, other] = c.students as [Person, Person];
  outsider = await register(t, "Olle Outsider");
  // A flat group where I and the other student are peers: my comment on their loop, theirs on mine.
  flatGroupId = await createGroup(c.teacher, c.orgId, { name: "Project Kestrel", type: "flat" });
  const flatCode = (await groupCodes(c.teacher, flatGroupId)).sender!;
  await join(me, flatCode);
  await join(other, flatCode);

  const upload = multipartFile("file", "me.png", "image/png", png);
  expectStatus(await me.client.put(api("/me/picture"), upload.payload, upload.headers), 200);
  const form = multipartLoop({ taskId: c.tasks[0]!.id, emoji: 5, text: MY_TEXT, tagIds: [c.tags[0]!.id] }, [{ name: "bridge.png", type: "image/png", data: png }]);
  const res = await me.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers);
  const loop = expectStatus<{ loop: { id: string; attachments: { id: string }[] } }>(res, 201).loop;
  myLoopId = loop.id;
  myImage = (await me.client.get(api(`/loops/${loop.id}/attachments/${loop.attachments[0]!.id}`))).rawPayload;
  t.clock.advance(60_000);
  expectStatus(await me.client.patch(api(`/loops/${myLoopId}`), { text: `${MY_TEXT} (corrected)` }), 200);
  await sendLoop(me, c.groupId, { anonymous: true, emoji: 2, text: MY_SECRET });
  await sendLoop(other, c.groupId, { text: OTHER_TEXT });
  t.clock.advance(60_000);
  expectStatus(await c.teacher.client.post(api(`/loops/${myLoopId}/comments`), { text: TEACHER_COMMENT }), 201);
  t.clock.advance(60_000);
  expectStatus(await me.client.post(api(`/loops/${myLoopId}/comments`), { text: "Thank you!" }), 201);
  const peerLoop = await sendLoop(other, flatGroupId, { text: "Peer loop of the other student" });
  expectStatus(await me.client.post(api(`/loops/${peerLoop.id}/comments`), { text: "My comment on a peer's loop" }), 201);
  const myFlatLoop = await sendLoop(me, flatGroupId, { text: "My loop in the project" });
  expectStatus(await other.client.post(api(`/loops/${myFlatLoop.id}/comments`), { text: "A peer's answer to me" }), 201);
  // An identified and an anonymous survey, both answered by me.
  for (const anonymous of [false, true]) {
    const { survey } = expectStatus<{ survey: { id: string; questions: { id: string }[] } }>(
      await c.teacher.client.post(api(`/groups/${c.groupId}/surveys`), { title: anonymous ? "Anonymous mood check" : "Named lab survey", anonymous, questions: [{ kind: "scale", prompt: "How was it?", required: true }] }),
      201,
    );
    expectStatus(await c.teacher.client.post(api(`/surveys/${survey.id}/open`)), 200);
    expectStatus(await me.client.put(api(`/surveys/${survey.id}/response`), { answers: { [survey.questions[0]!.id]: anonymous ? 2 : 3 } }), 200);
    // The named answer corrected while open: the export says it was edited. (An anonymous
    // survey keeps its answers' day only, so a change on the same day leaves no trace.)
    t.clock.advance(60_000);
    if (!anonymous) expectStatus(await me.client.put(api(`/surveys/${survey.id}/response`), { answers: { [survey.questions[0]!.id]: 4 } }), 200);
  }
  await t.app.ctx.jobs.idle();
});
afterAll(async () => t.close());

describe("data exports", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const res of [
      await visitor.get(api("/me/exports")),
      await visitor.post(api("/me/exports")),
      await visitor.post(api(`/organisations/${c.orgId}/members/${me.id}/export`)),
      await visitor.post(api(`/groups/${c.groupId}/export`)),
      await visitor.get(api(`/exports/${MISSING_ID}/download`)),
    ]) {
      expect(res.statusCode).toBe(401);
    }
  });

  describe("my own export (design §7.13)", () => {
    let exported: DataExport;
    let zip: JSZip;

    beforeAll(async () => {
      const requested = await requestMine(me);
      expect(requested.status).toBe("pending");
      expect(requested.downloadUrl).toBeNull();
      exported = await whenReady(me, requested.id);
      zip = await download(me, exported);
    });

    it("becomes ready with a download link valid for 48 hours, and I am told in the feed and by e-mail", async () => {
      expect(exported.status).toBe("ready");
      expect(new Date(exported.expiresAt!).getTime() - new Date(exported.readyAt!).getTime()).toBe(48 * 3_600_000);
      const feed = expectStatus<{ items: { kind: string; link: string }[] }>(await me.client.get(api("/feed")), 200);
      expect(feed.items).toContainEqual(expect.objectContaining({ kind: "export_ready", link: "/profile/data" }));
      const mail = await t.smtp.waitFor((m) => m.subject === "Your data export is ready" && JSON.stringify(m.to).includes(me.email));
      expect(mail.text).toContain("/profile/data");
    });

    it("holds every loop of mine — the anonymous one too — with tags, emoji, the edited mark, comments and attachments", async () => {
      const loops = await readJson<LoopJson[]>(zip, "data/loops.json");
      const texts = loops.map((l) => l.text);
      expect(texts).toContain(`${MY_TEXT} (corrected)`);
      expect(texts).toContain(MY_SECRET);
      expect(texts).toContain("My loop in the project");
      expect(texts).not.toContain(OTHER_TEXT);
      const mine = loops.find((l) => l.id === myLoopId)!;
      expect(mine).toMatchObject({ edited: true, emoji: 5, tags: [c.tags[0]!.name], task: c.tasks[0]!.title });
      expect(loops.find((l) => l.text === MY_SECRET)).toMatchObject({ anonymous: true, edited: false });
      // The attachment is in the archive, byte for byte as stored.
      const file = zip.file(mine.attachments[0]!.file)!;
      expect(Buffer.from(await file.async("uint8array")).equals(myImage)).toBe(true);
      expect(zip.file("files/profile-picture.webp")).not.toBeNull();
    });

    it("keeps others' comments on my loops but shows their authors by role title only", async () => {
      const loops = await readJson<LoopJson[]>(zip, "data/loops.json");
      const thread = loops.find((l) => l.id === myLoopId)!.comments;
      expect(thread).toEqual([
        expect.objectContaining({ author: "Teacher", text: TEACHER_COMMENT, mine: false }),
        expect.objectContaining({ author: "You", text: "Thank you!", mine: true }),
      ]);
      const peer = loops.find((l) => l.text === "My loop in the project")!.comments;
      expect(peer).toEqual([expect.objectContaining({ author: "Student", text: "A peer's answer to me" })]);
      const comments = await readJson<{ text: string; group: string }[]>(zip, "data/comments.json");
      expect(comments).toEqual([expect.objectContaining({ text: "My comment on a peer's loop", group: "Project Kestrel" })]);
    });

    it("holds no one else's personal data: no other name, e-mail or loop text anywhere in it", async () => {
      const text = await allText(zip);
      expect(text).toContain(me.email);
      for (const person of [other, c.teacher, c.admin!, outsider]) {
        expect(text).not.toContain(person.name);
        expect(text).not.toContain(person.email);
        expect(text).not.toContain(person.id);
      }
      expect(text).not.toContain(OTHER_TEXT);
      expect(text).not.toContain("Peer loop of the other student");
    });

    it("has my profile, memberships, sessions with the device's OS, notification settings, consents and crash-report setting", async () => {
      expect(await readJson(zip, "data/profile.json")).toMatchObject({ id: me.id, name: me.name, email: me.email, picture: "files/profile-picture.webp" });
      const memberships = await readJson<{ organisations: { name: string }[]; groups: { name: string; roleTitle: string }[] }>(zip, "data/memberships.json");
      expect(memberships.organisations.map((o) => o.name)).toEqual(["Solskolan"]);
      expect(memberships.groups).toEqual(expect.arrayContaining([expect.objectContaining({ name: "7B", roleTitle: "Student" })]));
      const sessions = await readJson<{ os: string | null }[]>(zip, "data/sessions.json");
      expect(sessions[0]!.os).toBe("Linux");
      expect(JSON.stringify(sessions)).not.toMatch(/token/i);
      const prefs = await readJson<{ kind: string }[]>(zip, "data/notification-preferences.json");
      expect(prefs.map((p) => p.kind)).toContain("comment_created");
      expect(Array.isArray(await readJson(zip, "data/consents.json"))).toBe(true);
      expect(await readJson(zip, "data/crash-reports.json")).toMatchObject({ enabled: false });
      const answers = await readJson<{ survey: string; edited: boolean; answers: { prompt: string; answer: unknown }[] }[]>(zip, "data/survey-answers.json");
      expect(answers).toHaveLength(2);
      expect(answers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ survey: "Named lab survey", edited: true, answers: [expect.objectContaining({ prompt: "How was it?", answer: 4 })] }),
          expect.objectContaining({ survey: "Anonymous mood check", edited: false, answers: [expect.objectContaining({ prompt: "How was it?", answer: 2 })] }),
        ]),
      );
    });

    it("has a readable HTML summary in which a <script> in my text is inert", async () => {
      const html = await zip.file("index.html")!.async("string");
      expect(html).toContain("<h1>My data in Openloop</h1>");
      expect(html).toContain("Today I built a bridge &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
      expect(html).not.toContain(SCRIPT);
      expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
      expect(html).toContain(TEACHER_COMMENT);
    });

    it("can be downloaded only with my session: anyone else gets 404 exactly as for a missing export", async () => {
      const missing = await other.client.get(api(`/exports/${MISSING_ID}/download`));
      const foreign = await other.client.get(exported.downloadUrl!);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(missing.body);
      expect((await c.admin!.client.get(exported.downloadUrl!)).statusCode).toBe(404);
      expect((await myExports(other)).exports.map((e) => e.id)).not.toContain(exported.id);
    });

    it("records the request, its readiness and every download in the audit log, and others' refused attempts", async () => {
      const rows = await auditOf(exported.id);
      // At one fake instant: compared as a set.
      expect(rows.filter((a) => a.outcome === "success").map((a) => a.action).sort()).toEqual(["data_export.downloaded", "data_export.ready", "data_export.requested"]);
      expect(rows.filter((a) => a.outcome === "denied").map((a) => a.action)).toEqual(["data_export.download", "data_export.download"]);
    });

    it("allows one export per 24 hours: a second is 429 saying when the next is possible", async () => {
      const res = await me.client.post(api("/me/exports"));
      expect(res.statusCode).toBe(429);
      const next = (await myExports(me)).nextSelfExportAt!;
      expect(res.json().error.message).toContain(next);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(23 * 3600);
      expect(new Date(next).getTime() - new Date(exported.requestedAt).getTime()).toBe(24 * 3_600_000);
      // Someone else's limit is their own.
      expect((await other.client.post(api("/me/exports"))).statusCode).toBe(202);
      await t.app.ctx.jobs.idle();
    });

    it("expires after 48 hours: the link answers 404 and the expiry job deletes the file", async () => {
      expect(await exportBlobs()).not.toHaveLength(0);
      t.clock.advance(48 * 3_600_000 + 1_000);
      expect((await me.client.get(exported.downloadUrl!)).statusCode).toBe(404);
      expect((await myExports(me)).exports.find((e) => e.id === exported.id)).toMatchObject({ status: "expired", downloadUrl: null });
      await t.app.ctx.jobs.runScheduled(EXPIRE_EXPORTS_JOB);
      expect(await exportBlobs()).toEqual([]);
      const row = await t.db.handle.db.selectFrom("data_exports").select(["status", "blob_key"]).where("id", "=", exported.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "expired", blob_key: null });
      expect((await auditOf(exported.id)).map((a) => a.action)).toContain("data_export.expired");
      // The 24 hours are long past: a new export may be requested.
      expect((await me.client.post(api("/me/exports"))).statusCode).toBe(202);
      await t.app.ctx.jobs.idle();
    });
  });

  describe("an administrator's export of a member", () => {
    it("holds the member's data in the organisation but not their anonymous loops; audited under the administrator", async () => {
      const res = await c.admin!.client.post(api(`/organisations/${c.orgId}/members/${me.id}/export`));
      const requested = expectStatus<{ export: DataExport }>(res, 202).export;
      expect(requested).toMatchObject({ kind: "member", subjectName: me.name });
      const ready = await whenReady(c.admin!, requested.id);
      const zip = await download(c.admin!, ready);
      const loops = await readJson<LoopJson[]>(zip, "data/loops.json");
      expect(loops.map((l) => l.text)).toContain(`${MY_TEXT} (corrected)`);
      const text = await allText(zip);
      expect(text).not.toContain(MY_SECRET);
      expect(text).not.toContain(OTHER_TEXT);
      // Answers to an anonymous survey are not told to the administrator either.
      expect(text).toContain("Named lab survey");
      expect(text).not.toContain("Anonymous mood check");
      expect(zip.file("data/sessions.json")).toBeNull();
      // The member cannot download it: it is the administrator's.
      expect((await me.client.get(ready.downloadUrl!)).statusCode).toBe(404);
      const actions = (await auditLog(c.admin!, c.orgId, { action: "data_export" })).filter((a) => a.subjectId === requested.id && a.outcome === "success");
      expect(actions.map((a) => a.action).sort()).toEqual(["data_export.downloaded", "data_export.ready", "data_export.requested"]);
      expect(actions.every((a) => a.actor === null || a.actor.id === c.admin!.id)).toBe(true);
    });

    it("can no longer be downloaded by an administrator who stepped down (404 as for a missing export)", async () => {
      const deputy = await register(t, "Dag Deputy");
      await makeGroupCreator(c.admin!, c.orgId, deputy);
      expectStatus(await c.admin!.client.post(api(`/organisations/${c.orgId}/admins`), { email: deputy.email }), 204);
      const requested = expectStatus<{ export: DataExport }>(await deputy.client.post(api(`/organisations/${c.orgId}/members/${other.id}/export`)), 202).export;
      const ready = await whenReady(deputy, requested.id);
      expect((await deputy.client.get(ready.downloadUrl!)).statusCode).toBe(200);
      expectStatus(await c.admin!.client.delete(api(`/organisations/${c.orgId}/admins/${deputy.id}`)), 204);
      const res = await deputy.client.get(ready.downloadUrl!);
      expect(res.statusCode).toBe(404);
      // Nor does their list offer it any more.
      expect((await myExports(deputy)).exports.find((e) => e.id === requested.id)).toMatchObject({ status: "ready", downloadUrl: null });
      expect(res.body).toBe((await deputy.client.get(api(`/exports/${MISSING_ID}/download`))).body);
    });

    it("is refused to non-administrators (403) and for people outside the organisation (404)", async () => {
      expect((await c.teacher.client.post(api(`/organisations/${c.orgId}/members/${me.id}/export`))).statusCode).toBe(403);
      expect((await c.admin!.client.post(api(`/organisations/${c.orgId}/members/${outsider.id}/export`))).statusCode).toBe(404);
      expect((await outsider.client.post(api(`/organisations/${c.orgId}/members/${me.id}/export`))).statusCode).toBe(404);
    });
  });

  describe("a group owner's export", () => {
    it("holds the group's loops (anonymous ones without sender), comments, tasks, posts and survey results", async () => {
      expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/posts`), { title: "Trip on Friday", body: "Bring lunch." }), 201);
      const requested = expectStatus<{ export: DataExport }>(await c.teacher.client.post(api(`/groups/${c.groupId}/export`)), 202).export;
      expect(requested).toMatchObject({ kind: "group", subjectName: "7B" });
      const ready = await whenReady(c.teacher, requested.id);
      const zip = await download(c.teacher, ready);
      const loops = await readJson<LoopJson[]>(zip, "data/loops.json");
      const anonymous = loops.find((l) => l.text === MY_SECRET)!;
      expect(anonymous.sender).toBeNull();
      expect(anonymous.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(JSON.stringify(anonymous)).not.toContain(me.name);
      expect(loops.find((l) => l.text === OTHER_TEXT)!.sender).toBe(other.name);
      expect(loops.find((l) => l.id === myLoopId)!.comments.map((x) => x.text)).toEqual([TEACHER_COMMENT, "Thank you!"]);
      expect((await readJson<{ tasks: { title: string }[] }>(zip, "data/tasks.json")).tasks.map((x) => x.title)).toContain("Week 1 reflection");
      expect((await readJson<{ title: string }[]>(zip, "data/posts.json")).map((p) => p.title)).toEqual(["Trip on Friday"]);
      expect(zip.file("data/loops.csv")).not.toBeNull();
      // Survey results as the group's leaders see them: the anonymous one hidden (one respondent, still open).
      const surveys = await readJson<{ title: string; results: { respondentCount: number; hidden?: string | null } }[]>(zip, "data/surveys.json");
      expect(surveys.find((x) => x.title === "Named lab survey")!.results).toMatchObject({ respondentCount: 1 });
      expect(surveys.find((x) => x.title === "Anonymous mood check")!.results.hidden).toBeTruthy();
      expect(JSON.stringify(surveys.find((x) => x.title === "Anonymous mood check"))).not.toContain(me.name);
      expect(await zip.file("index.html")!.async("string")).not.toContain(SCRIPT);
      expect((await auditLog(c.admin!, c.orgId, { action: "data_export" })).filter((a) => a.subjectId === requested.id)).toHaveLength(3);
      // An anonymous loop's place tells no more than its day (design §7.3): it stands at the day's
      // start, before the named loop sent a minute earlier — in the JSON and in the summary.
      const ids = loops.map((l) => l.id);
      expect(ids.indexOf(anonymous.id)).toBeLessThan(ids.indexOf(myLoopId));
      const html = await zip.file("index.html")!.async("string");
      expect(html.indexOf(MY_SECRET)).toBeLessThan(html.indexOf("Today I built a bridge"));
    });

    it("is only the owner's: a student is refused (403), an outsider gets 404", async () => {
      expect((await me.client.post(api(`/groups/${c.groupId}/export`))).statusCode).toBe(403);
      expect((await outsider.client.post(api(`/groups/${c.groupId}/export`))).statusCode).toBe(404);
      expect((await c.teacher.client.post(api(`/groups/${MISSING_ID}/export`))).statusCode).toBe(404);
    });
  });

  it("is written in the requester's language: the summary and the ready e-mail", async () => {
    const since = t.smtp.messages.length;
    const swede = await register(t, "Sara Svensson");
    expectStatus(await swede.client.patch(api("/me"), { language: "sv" }), 200);
    const e = await whenReady(swede, (await requestMine(swede)).id);
    const html = await (await download(swede, e)).file("index.html")!.async("string");
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("<h1>Mina uppgifter i Openloop</h1>");
    const mail = await t.smtp.waitFor((m) => t.smtp.messages.indexOf(m) >= since && m.subject === "Din export är klar");
    expect(mail.text).toContain("/profile/data");
  });
});

describe("data exports: names, paging, failures and removal", () => {
  it("shows comment authors by name when the organisation chose names", async () => {
    expectStatus(await c.admin!.client.patch(api(`/organisations/${c.orgId}`), { exportCommentAuthors: "name" }), 200);
    const view = { kind: "person" as const, userId: me.id };
    const items = [];
    for await (const page of loopItemPages(t.db.handle.db, view, "en")) items.push(...page);
    expect(items.find((l) => l.id === myLoopId)!.comments[0]).toMatchObject({ author: c.teacher.name, text: TEACHER_COMMENT });
    expectStatus(await c.admin!.client.patch(api(`/organisations/${c.orgId}`), { exportCommentAuthors: "role" }), 200);
    items.length = 0;
    for await (const page of loopItemPages(t.db.handle.db, view, "en")) items.push(...page);
    expect(items.find((l) => l.id === myLoopId)!.comments[0]).toMatchObject({ author: "Teacher" });
  });

  it("reads a person's loops in keyset pages: every loop once, however small the page", async () => {
    const all: string[] = [];
    let pages = 0;
    for await (const page of loopPagesOf(t.db.handle.db, { senderId: me.id, includeAnonymous: true }, 1)) {
      pages++;
      all.push(...page.map((l) => l.id));
    }
    expect(pages).toBe(3);
    expect(new Set(all).size).toBe(3);
    expect(all).toContain(myLoopId);
  });

  it("leaves no file behind when building the archive fails", async () => {
    const key = newBlobKey("exports", "zip");
    await expect(
      writeZip(t.app.ctx.blobs, key, async (zip) => {
        await zip.add("half an export", "data/profile.json");
        throw new Error("the database went away");
      }),
    ).rejects.toThrow("the database went away");
    expect(await t.app.ctx.blobs.get(key)).toBeNull();
    // Not even the half-written temporary file is left on disk.
    const dir = path.join(t.dataDir, "blobs", "exports");
    const name = key.split("/")[1]!;
    expect(fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith(name)) : []).toEqual([]);
  });

  it("leaves no file behind when the built archive cannot be marked ready, and a later run builds it once", async () => {
    const unlucky = await register(t, "Ulla Unlucky");
    const id = randomUUID();
    const db = t.app.ctx.db;
    await db
      .insertInto("data_exports")
      .values({ id, organisation_id: null, kind: "self", requested_by: unlucky.id, subject_user_id: unlucky.id, group_id: null, language: "en", status: "pending", blob_key: null, size: null, requested_at: t.clock().toISOString(), ready_at: null, expires_at: null })
      .execute();
    const before = await exportBlobs();
    // The archive is written, then the database fails as the export is marked ready.
    const failing = new Proxy(db, {
      get(target, prop) {
        if (prop === "transaction") return () => ({ execute: () => Promise.reject(new Error("connection lost")) });
        const value: unknown = Reflect.get(target, prop);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(buildExport({ ...t.app.ctx, db: failing }, id)).rejects.toThrow("connection lost");
    expect(await exportBlobs()).toEqual(before);
    // The sweep's next run builds it: one file, the one the row names.
    await buildExport(t.app.ctx, id);
    const row = await db.selectFrom("data_exports").select(["status", "blob_key"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("ready");
    expect((await exportBlobs()).filter((k) => !before.includes(k))).toEqual([row.blob_key]);
  });

  it("is ready even when its e-mail is refused, and the log of the refusal does not name the address", async () => {
    const bounced = await register(t, "Bengt Bounced");
    const id = randomUUID();
    await t.app.ctx.db
      .insertInto("data_exports")
      .values({ id, organisation_id: null, kind: "self", requested_by: bounced.id, subject_user_id: bounced.id, group_id: null, language: "en", status: "pending", blob_key: null, size: null, requested_at: t.clock().toISOString(), ready_at: null, expires_at: null })
      .execute();
    const logged: unknown[] = [];
    const log = { ...t.app.ctx.log, error: (...a: unknown[]) => logged.push(a), warn: (...a: unknown[]) => logged.push(a) } as typeof t.app.ctx.log;
    // What nodemailer throws when the server refuses the recipient.
    const mailer = {
      send: async (m: { to: string }) => {
        throw Object.assign(new Error(`Can't send mail - all recipients were rejected: 550 <${m.to}>: no such user`), { code: "EENVELOPE", responseCode: 550, command: "RCPT TO", rejected: [m.to] });
      },
      close: () => {},
    };
    await buildExport({ ...t.app.ctx, log, mailer }, id);
    expect((await myExports(bounced)).exports.find((e) => e.id === id)).toMatchObject({ status: "ready" });
    const written = JSON.stringify(logged, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v));
    expect(written).toContain("EENVELOPE");
    expect(written).not.toContain(bounced.email);
  });

  it("does not count an export that failed against the 24 hours: the person may ask again at once", async () => {
    const retry = await register(t, "Rita Retry");
    // What the build job leaves when it fails (the status it writes, the audit row aside).
    await t.app.ctx.db
      .insertInto("data_exports")
      .values({ id: randomUUID(), organisation_id: null, kind: "self", requested_by: retry.id, subject_user_id: retry.id, group_id: null, language: "en", status: "failed", blob_key: null, size: null, requested_at: t.clock().toISOString(), ready_at: null, expires_at: null })
      .execute();
    expect((await myExports(retry)).nextSelfExportAt).toBeNull();
    const again = await requestMine(retry);
    expect((await whenReady(retry, again.id)).status).toBe("ready");
    expect((await retry.client.post(api("/me/exports"))).statusCode).toBe(429);
  });

  it("lets only one of three simultaneous requests through (the others get 429)", async () => {
    const eager = await register(t, "Erik Eager");
    const statuses = (await Promise.all([eager.client.post(api("/me/exports")), eager.client.post(api("/me/exports")), eager.client.post(api("/me/exports"))])).map((r) => r.statusCode);
    expect(statuses.sort()).toEqual([202, 429, 429]);
    await t.app.ctx.jobs.idle();
  });

  it("removes a person's exports and their files (for account erasure)", async () => {
    const quiet = await register(t, "Quinn Quiet");
    const e = await requestMine(quiet);
    await t.app.ctx.jobs.idle();
    const before = await exportBlobs();
    expect(await deleteExportsOf(t.app.ctx, { userId: quiet.id })).toBe(1);
    expect(await t.db.handle.db.selectFrom("data_exports").select("id").where("id", "=", e.id).execute()).toEqual([]);
    expect((await exportBlobs()).length).toBe(before.length - 1);
  });

  // Last: once a policy version exists, signing up (as the helpers above do) must accept it.
  it("holds the privacy policy versions I accepted, with when and how", async () => {
    const draft = { significance: "minor", summary: { en: "First", sv: "Första" }, body: { en: "# Policy", sv: "# Policy" } };
    const version = expectStatus<{ version: { id: string } }>(await c.teacher.client.post(api("/privacy-policy/versions"), draft), 201).version;
    expectStatus(await me.client.post(api("/me/privacy-policy/acknowledge"), { versionId: version.id }), 200);
    t.clock.advance(25 * 3_600_000);
    const e = await whenReady(me, (await requestMine(me)).id);
    const consents = await readJson<{ versionId: string; at: string }[]>(await download(me, e), "data/consents.json");
    expect(consents).toEqual([expect.objectContaining({ versionId: version.id })]);
  });
});
