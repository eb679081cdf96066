/**
 * The anonymity test of issue 4 (design.md §7.3, §7.5): a student sends an anonymous free loop
 * with a phone photo carrying GPS EXIF and a text file named after themselves, comments on it
 * and reads it; the teacher answers. Then everything a leader, a tutor and the organisation's
 * administrator can read is gathered — API payloads, the inbox under every filter, the thread
 * and its read receipts, the files and their headers, live events over a real SSE connection,
 * the organisation's audit log and e-mails — and searched for the student and for EXIF.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipients } from "./helpers/smtp.js";
import { createTestApp, multipartFile, type TestApp } from "./helpers/test-app.js";
import { auditLog, createGroup, createOrganisation, expectStatus, groupCodes, join, makeGroupCreator, register, type AuditRow, type Person } from "./helpers/world.js";
import { addTutor, jpegWithGps, multipartLoop, openEvents, sendLoop, type EventStream } from "./helpers/loops.js";
import type { Loop, Thread } from "../src/shared/schemas/loops.js";

const api = (rest: string) => `/api/v1${rest}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PHOTO_NAME = "Zelda Quist at home IMG_2041.jpg";
const TEXT_NAME = "Zelda Quist diary.txt";
const EXIF_MARKERS = ["Exif", "GPS", "SecretPhoneMaker", "Model X", "Hidden Artist"];

let t: TestApp;
let admin: Person;
let teacher: Person;
let tutor: Person;
let student: Person;
let classmate: Person;
let orgId: string;
let groupId: string;
let tagId: string;
let pictureUrl: string;
let loop: Loop;
let namedLoopId: string;
/** The instant the anonymous loop was sent, and when it was edited: leaders may know the days only. */
let sentInstant: string;
let editedInstant: string;
/** When the student commented on it. */
let commentInstant: string;
let auditBefore: Set<string>;
let mailsBefore: number;
const streams: Record<"teacher" | "tutor" | "admin", EventStream> = {} as never;

/** Everything gathered from a leader-facing surface, labelled for the failure message. */
const gathered: { label: string; text: string; bytes?: Buffer }[] = [];
function keep(label: string, res: { statusCode: number; headers: Record<string, unknown>; body: string; rawPayload: Buffer }, binary = false) {
  gathered.push({ label: `${label} → ${res.statusCode}`, text: `${JSON.stringify(res.headers)}\n${binary ? "" : res.body}`, ...(binary ? { bytes: res.rawPayload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, teacher, groupId, tutor);
  tagId = expectStatus(await teacher.client.post(api(`/groups/${groupId}/tags`), { name: "felt left out" }), 201).tag.id;
  const code = (await groupCodes(teacher, groupId)).sender!;
  student = await register(t, "Zelda Quist", { email: "zelda.quist@school.example" });
  await join(student, code);
  classmate = await register(t, "Oskar Named");
  await join(classmate, code);
  // The student's profile picture, to be looked for too.
  const face = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#884422" } }).png().toBuffer();
  const pic = multipartFile("file", "zelda-face.png", "image/png", face);
  expectStatus(await student.client.put(api("/me/picture"), pic.payload, pic.headers), 200);
  pictureUrl = expectStatus(await student.client.get(api("/me")), 200).user.pictureUrl;
  expect(pictureUrl).toMatch(/^\/api\/v1\/users\/.+\/picture\?v=.+/);
  // A named loop beside it: proves the search below would find a name where there is one.
  namedLoopId = (await sendLoop(classmate, groupId, { text: "named and proud" })).id;

  streams.teacher = await openEvents(t, teacher);
  streams.tutor = await openEvents(t, tutor);
  streams.admin = await openEvents(t, admin);
  auditBefore = new Set((await auditLog(admin, orgId)).map((r) => r.id));
  mailsBefore = t.smtp.messages.length;

  // The story: an odd instant, so an exact time would stand out.
  t.clock.advance(2 * 3600_000 + 17 * 60_000 + 23_456);
  sentInstant = t.clock().toISOString();
  const form = multipartLoop({ emoji: 1, tagIds: [tagId], text: "Nobody picked me for the team today.", anonymous: true }, [
    { name: PHOTO_NAME, type: "image/jpeg", data: await jpegWithGps() },
    { name: TEXT_NAME, type: "text/plain", data: Buffer.from("It happened at lunch.\n") },
  ]);
  loop = expectStatus<{ loop: Loop }>(await student.client.post(api(`/groups/${groupId}/loops`), form.payload, form.headers), 201).loop;
  t.clock.advance(4 * 60_000 + 1_234);
  commentInstant = t.clock().toISOString();
  expectStatus(await student.client.post(api(`/loops/${loop.id}/comments`), { text: "It still bothers me." }), 201);
  t.clock.advance(61_000);
  expectStatus(await student.client.post(api(`/loops/${loop.id}/read`)), 204);
  t.clock.advance(3 * 60_000);
  editedInstant = t.clock().toISOString();
  expectStatus(await student.client.patch(api(`/loops/${loop.id}`), { text: "Nobody picked me for the team today. Again." }), 200);
  t.clock.advance(20 * 60_000);
  expectStatus(await teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "Thank you for telling me. Let's fix this." }), 201);
  t.clock.advance(60_000);
  expectStatus(await tutor.client.post(api(`/loops/${loop.id}/read`)), 204);
  // The student reads the reply too (after it, so their receipt counts for the latest comment).
  t.clock.advance(60_000);
  expectStatus(await student.client.post(api(`/loops/${loop.id}/read`)), 204);
  for (const s of [streams.teacher, streams.tutor]) await s.waitFor((e) => e.loopId === loop.id && e.type === "thread.read" && s.events.filter((x) => x.type === "thread.read").length >= 3);
});

afterAll(async () => {
  for (const s of Object.values(streams)) await s?.close();
  await t?.close();
});

describe("an anonymous loop", () => {
  it("should be the student's own, with its exact time, a random id and the teacher's reply", async () => {
    expect(loop.id).toMatch(UUID_V4);
    expect(loop).toMatchObject({ anonymous: true, mine: true, sender: { id: student.id, name: "Zelda Quist", pictureUrl }, sentAt: sentInstant });
    const mine = (await (async () => expectStatus<{ loops: Loop[] }>(await student.client.get(api("/me/loops")), 200).loops)()).find((l) => l.id === loop.id)!;
    expect(mine).toMatchObject({ mine: true, sender: { id: student.id }, sentAt: sentInstant, editedAt: editedInstant, commentCount: 2, answered: true });
    const thread = expectStatus<Thread>(await student.client.get(api(`/loops/${loop.id}/comments`)), 200);
    expect(thread.comments.map((c) => [c.authorRole, c.author?.id ?? null, c.mine])).toEqual([
      ["sender", student.id, true],
      ["leader", teacher.id, false],
    ]);
    expect(thread.comments[1]!.text).toBe("Thank you for telling me. Let's fix this.");
    // The student sees who of the leaders read it.
    expect(thread.readBy.map((r) => r.person?.id).sort()).toEqual([teacher.id, tutor.id].sort());
  });

  it("should show leaders the loop without its sender, to the day only, with server-made file names", async () => {
    for (const p of [teacher, tutor]) {
      const seen = expectStatus<{ loop: Loop }>(await p.client.get(api(`/loops/${loop.id}`)), 200).loop;
      expect(seen).toMatchObject({ id: loop.id, anonymous: true, mine: false, sender: null, sentAt: sentInstant.slice(0, 10), editedAt: editedInstant.slice(0, 10) });
      expect(seen.attachments.map((a) => [a.kind, a.name])).toEqual([
        ["image", "image-1.webp"],
        ["text", "text-2.txt"],
      ]);
      const thread = expectStatus<Thread>(await p.client.get(api(`/loops/${loop.id}/comments`)), 200);
      expect(thread.comments.map((c) => [c.authorRole, c.author?.id ?? null])).toEqual([
        ["anonymous", null],
        ["leader", teacher.id],
      ]);
      // "Read by the sender", nothing more.
      expect(thread.readBy).toContainEqual({ person: null, role: "anonymous", readAt: null });
    }
    // The anonymous loop's place in the inbox says no more than its day: it sorts after the
    // named loop, sent earlier that day.
    const ids = expectStatus<{ loops: Loop[] }>(await teacher.client.get(api(`/inbox?groupId=${groupId}`)), 200).loops.map((l) => l.id);
    expect(ids).toEqual([namedLoopId, loop.id]);
    // A member filter never finds it.
    expect(expectStatus<{ loops: Loop[] }>(await teacher.client.get(api(`/inbox?senderId=${student.id}`)), 200).loops).toEqual([]);
  });

  it("should give the organisation's administrator nothing of it", async () => {
    expect((await admin.client.get(api(`/loops/${loop.id}`))).statusCode).toBe(404);
    expect(expectStatus<{ loops: Loop[] }>(await admin.client.get(api("/inbox")), 200).loops).toEqual([]);
  });

  it("should leave no trace of the student or of EXIF in anything a leader, tutor or administrator can read", async () => {
    const filters: Record<string, string>[] = [
      {},
      { groupId },
      { kind: "free" },
      { emoji: "1" },
      { tagId },
      { unread: "true" },
      { unread: "false" },
      { unanswered: "true" },
      { unanswered: "false" },
      { approved: "false" },
      { q: "team" },
      { senderId: student.id },
      { limit: "1" },
    ];
    for (const [who, p] of [["teacher", teacher], ["tutor", tutor], ["admin", admin]] as const) {
      keep(`${who} GET loop`, await p.client.get(api(`/loops/${loop.id}`)));
      keep(`${who} GET thread`, await p.client.get(api(`/loops/${loop.id}/comments`)));
      for (const f of filters) {
        const qs = new URLSearchParams(f).toString();
        const res = await p.client.get(api(`/inbox?${qs}`));
        keep(`${who} inbox ?${qs}`, res);
        if (f.senderId) expect(res.json().loops ?? []).toEqual([]);
      }
      const page = expectStatus<{ nextCursor: string | null }>(await p.client.get(api(`/inbox?limit=1`)), 200);
      if (page.nextCursor) keep(`${who} inbox page 2`, await p.client.get(api(`/inbox?limit=1&cursor=${page.nextCursor}`)));
      for (const a of loop.attachments) {
        keep(`${who} ${a.name}`, await p.client.get(a.url), true);
        if (a.thumbnailUrl) keep(`${who} ${a.name} thumbnail`, await p.client.get(a.thumbnailUrl), true);
      }
      keep(`${who} GET group`, await p.client.get(api(`/groups/${groupId}`)));
      // Tags with their use counts, tasks with their progress: leader-facing too.
      keep(`${who} GET tags`, await p.client.get(api(`/groups/${groupId}/tags?includeArchived=true`)));
      keep(`${who} GET tasks`, await p.client.get(api(`/groups/${groupId}/tasks`)));
      // The feed: the anonymous loop and the student's comment on it reach the leaders, unnamed.
      keep(`${who} GET feed`, await p.client.get(api("/feed?limit=50")));
    }
    const leadersFeed = expectStatus<{ items: { kind: string; link: string; actor: unknown; at: string }[] }>(await teacher.client.get(api("/feed?limit=50")), 200).items;
    expect(leadersFeed.filter((i) => i.link === `/loops/${loop.id}` && i.kind === "loop_created")).toEqual([
      expect.objectContaining({ actor: null, at: sentInstant.slice(0, 10) }),
    ]);
    // Files really are there for the leaders, re-encoded without metadata.
    const photo = await teacher.client.get(loop.attachments[0]!.url);
    expect(photo.statusCode).toBe(200);
    const meta = await sharp(photo.rawPayload).metadata();
    expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    expect((await teacher.client.get(loop.attachments[1]!.url)).body).toBe("It happened at lunch.\n");

    // Live events, as they arrived over the wire.
    for (const [who, s] of Object.entries(streams)) gathered.push({ label: `${who} live events`, text: s.raw() });
    expect(streams.teacher.events.filter((e) => e.loopId === loop.id).map((e) => e.type)).toEqual(
      expect.arrayContaining(["loop.created", "comment.created", "thread.read", "loop.updated"]),
    );
    // A feed event is the bare kind: the feed itself is fetched through the API (kept above).
    for (const e of streams.teacher.events) expect(Object.keys(e).sort()).toEqual(e.type === "feed.changed" ? ["type"] : ["groupId", "loopId", "type"]);
    // The administrator hears nothing of the class: only of a loop of their own, sent after it all.
    const adminsGroup = await createGroup(admin, orgId, { name: "Admins", type: "flat" });
    const marker = await sendLoop(admin, adminsGroup);
    await streams.admin.waitFor((e) => e.loopId === marker.id);
    expect(streams.admin.events.map((e) => e.loopId)).toEqual([marker.id]);

    // The organisation's audit log, since the student began (rows dated to the day sort among older ones).
    const since: AuditRow[] = (await auditLog(admin, orgId)).filter((r) => !auditBefore.has(r.id));
    expect(since.map((r) => r.action)).toEqual(expect.arrayContaining(["loop.sent", "comment.created", "loop.edited"]));
    gathered.push({ label: "audit log", text: JSON.stringify(since) });
    // The student's own acts name no one and are dated to the day.
    const anonymousActs = since.filter((x) => x.actor === null);
    expect(anonymousActs.map((r) => r.action)).toEqual(expect.arrayContaining(["loop.sent", "comment.created", "loop.edited"]));
    for (const r of anonymousActs) expect(r.at, r.action).toMatch(/T00:00:00(\.000)?Z$/);
    for (const r of since) {
      expect(r.subjectId, r.action).not.toBe(loop.id);
      // No address ties an anonymous act to a device either.
      if (r.actor === null) expect(r.ip, r.action).toBeNull();
    }
    // And any e-mail sent since (notifications) to anyone but the student (the teacher's reply reaches them by name).
    await t.app.ctx.jobs.idle();
    const toOthers = t.smtp.messages.slice(mailsBefore).filter((m) => !recipients(m).map((r) => r.toLowerCase()).includes(student.email));
    for (const m of toOthers) gathered.push({ label: `mail ${m.subject ?? ""}`, text: `${m.subject ?? ""}\n${m.text ?? ""}\n${typeof m.html === "string" ? m.html : ""}` });

    const needles = [
      student.id,
      "Zelda",
      "Quist",
      "zelda.quist",
      pictureUrl,
      pictureUrl.split("?v=")[1]!,
      PHOTO_NAME,
      "IMG_2041",
      TEXT_NAME,
      "diary",
      ...EXIF_MARKERS,
      // The exact instants: only the days may show.
      sentInstant.slice(11, 19),
      editedInstant.slice(11, 19),
      commentInstant.slice(11, 19),
    ];
    // The search finds what is there: the named loop's sender, and EXIF in the original photo.
    const all = gathered.map((g) => g.text).join("\n");
    expect(all).toContain("Oskar Named");
    expect((await jpegWithGps()).includes(Buffer.from("SecretPhoneMaker"))).toBe(true);
    const found: string[] = [];
    for (const g of gathered) {
      for (const needle of needles) {
        if (g.text.includes(needle) || g.bytes?.includes(Buffer.from(needle))) found.push(`${JSON.stringify(needle)} in ${g.label}`);
      }
    }
    expect(found).toEqual([]);
    expect(gathered.length).toBeGreaterThan(40);
  });

  it("should leave no trace of its sender when they delete it", async () => {
    const before = new Set((await auditLog(admin, orgId)).map((r) => r.id));
    t.clock.advance(37 * 60_000 + 4_321);
    const at = t.clock().toISOString();
    const gone = await sendLoop(student, groupId, { anonymous: true, text: "second thoughts" });
    await streams.teacher.waitFor((e) => e.loopId === gone.id && e.type === "loop.created");
    expectStatus(await student.client.delete(api(`/loops/${gone.id}`)), 204);
    expect(await streams.teacher.waitFor((e) => e.loopId === gone.id && e.type === "loop.deleted")).toEqual({ type: "loop.deleted", groupId, loopId: gone.id });
    const rows = (await auditLog(admin, orgId)).filter((r) => !before.has(r.id));
    expect(rows.map((r) => r.action).sort()).toEqual(["loop.deleted", "loop.sent"]);
    for (const r of rows) expect(r).toMatchObject({ actor: null, ip: null, subjectId: null, at: `${at.slice(0, 10)}T00:00:00.000Z` });
    const text = JSON.stringify(rows) + streams.teacher.raw() + streams.tutor.raw();
    for (const needle of [student.id, "Zelda", "zelda.quist", at.slice(11, 19)]) expect(text).not.toContain(needle);
  });
});
