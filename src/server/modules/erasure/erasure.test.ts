import { randomUUID } from "node:crypto";
/**
 * Erasure — "delete my account" (issue 7; design.md §7.9, §7.14). A student with a bit of
 * everything (picture, loops with files and threads, an anonymous loop, comments on peers' loops in
 * two schools that chose differently, survey answers, an export, an invitation, live streams,
 * sessions on two devices) deletes their account: afterwards no table and no stored file holds
 * their id, name or e-mail; everyone else's content and threads are intact; the roll-ups are
 * exact; every session and stream has ended. Then: refusals (password, confirmation, rate
 * limit, hand-over) and an administrator's erasure, scoped to their organisation.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, multipartFile, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, createGroup, createOrganisation, expectStatus, groupCodes, join, MISSING_ID, register, sameSession, type Person } from "../../../../test/helpers/world.js";
import { listenOnLoopback, multipartLoop, pngBytes, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { expectRollupsExact } from "../../../../test/helpers/rollups.js";
import type { ErasurePreview } from "../../../shared/schemas/erasure.js";
import { BLOB_SWEEP_JOB } from "../../storage/pending-deletions.js";

let t: TestApp;
const api = (rest: string) => `/api/v1${rest}`;

/** Solskolan (keeps an erased person's comments as "Deleted user"): class 7B and the flat group Kören. */
let sol: Class;
let choir: string;
/** Bergskolan (removes them): the flat group Läsecirkeln. */
let berg: { orgId: string; groupId: string; leader: Person };
/** The one who is erased, and peers. */
let zelda: Person;
let pia: Person;
let png: Buffer;

/** Every table of the database, from its catalogue. */
async function tableNames(): Promise<string[]> {
  const db = t.db.handle.db;
  const rows =
    t.db.dialect === "postgres"
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  return rows.map((r) => r.name).sort();
}

/** Where (table: needle) any of the needles occurs in clear text in any column of any row. */
async function clearTextIn(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tableNames()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db.handle.db);
    const text = JSON.stringify(rows).toLowerCase();
    for (const n of needles) if (text.includes(n.toLowerCase())) found.push(`${table}: ${n}`);
  }
  return found;
}

/** Which stored files (walking the blob store) contain any of the needles, byte for byte. */
async function clearTextInBlobs(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for await (const key of t.app.ctx.blobs.list()) {
    const blob = await t.app.ctx.blobs.get(key);
    if (!blob) continue;
    for (const n of needles) if (blob.data.includes(Buffer.from(n)) || blob.data.toString("latin1").toLowerCase().includes(n.toLowerCase())) found.push(`${key}: ${n}`);
  }
  return found;
}

async function blobKeys(): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const key of t.app.ctx.blobs.list()) keys.add(key);
  return keys;
}

/** Opens the live stream as `p` and resolves when the server ends it (or rejects after `ms`). */
async function streamEnds(p: Person, ms: number): Promise<{ opened: number; ended: Promise<void> }> {
  const base = await listenOnLoopback(t);
  const res = await fetch(`${base}/api/v1/events`, { headers: { accept: "text/event-stream", cookie: p.client.cookie ?? "" } });
  const reader = res.body!.getReader();
  await reader.read(); // the first bytes: the stream is subscribed
  const ended = (async () => {
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the stream was still open after ${ms} ms`)), ms));
    for (;;) {
      const { done } = await Promise.race([reader.read(), timer]);
      if (done) return;
    }
  })();
  ended.catch(() => undefined);
  return { opened: res.status, ended };
}

const threadOf = async (p: Person, loopId: string) =>
  expectStatus<{ comments: { text: string; authorRole: string; author: unknown; deleted: boolean }[] }>(await p.client.get(api(`/loops/${loopId}/comments`)), 200);
/** Comments a second apart, so a thread's order is their order here. */
async function comment(p: Person, loopId: string, text: string) {
  t.clock.advance(1000);
  return expectStatus<{ comment: { id: string } }>(await p.client.post(api(`/loops/${loopId}/comments`), { text }), 201).comment;
}

async function survey(c: { teacher: Person; groupId: string }, opts: { anonymous: boolean; title: string }) {
  const questions = [{ kind: "scale", prompt: "How hard was it?", required: true }];
  const s = expectStatus<{ survey: { id: string; questions: { id: string }[] } }>(
    await c.teacher.client.post(api(`/groups/${c.groupId}/surveys`), { title: opts.title, anonymous: opts.anonymous, questions }),
    201,
  ).survey;
  expectStatus(await c.teacher.client.post(api(`/surveys/${s.id}/open`)), 200);
  return { id: s.id, answer: async (p: Person, v: number) => expectStatus(await p.client.put(api(`/surveys/${s.id}/response`), { answers: { [s.questions[0]!.id]: v } }), 200) };
}

beforeAll(async () => {
  t = await createTestApp();
  png = await pngBytes();
  sol = await setupClass(t, { students: 5, withAdmin: true });
  zelda = await register(t, "Zelda Quixfjord", { email: "zelda.quixfjord@school.example" });
  pia = await register(t, "Pia Peer");
  const codes = await groupCodes(sol.teacher, sol.groupId);
  await join(zelda, codes.sender!);
  choir = await createGroup(sol.teacher, sol.orgId, { name: "Kören", type: "flat" });
  const choirCodes = await groupCodes(sol.teacher, choir);
  await join(zelda, choirCodes.sender!);
  await join(pia, choirCodes.sender!);

  const leader = await register(t, "Bo Berg");
  const bergOrg = await createOrganisation(leader, "Bergskolan");
  expectStatus(await leader.client.patch(api(`/organisations/${bergOrg}`), { erasedUserComments: "remove" }), 200);
  const circle = await createGroup(leader, bergOrg, { name: "Läsecirkeln", type: "flat" });
  const circleCodes = await groupCodes(leader, circle);
  await join(zelda, circleCodes.sender!);
  await join(pia, circleCodes.sender!);
  berg = { orgId: bergOrg, groupId: circle, leader };
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("deleting my account", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    expect((await visitor.get(api("/me/erasure"))).statusCode).toBe(401);
    expect((await visitor.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true })).statusCode).toBe(401);
  });

  it("refuses without the explicit confirmation or with a wrong password, naming the field, and nothing is erased", async () => {
    const noConfirm = expectStatus<{ error: { fields: Record<string, string> } }>(await pia.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD }), 400);
    expect(Object.keys(noConfirm.error.fields)).toContain("confirm");
    const falseConfirm = expectStatus<{ error: { fields: Record<string, string> } }>(await pia.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: false }), 400);
    expect(Object.keys(falseConfirm.error.fields)).toContain("confirm");
    const wrong = expectStatus<{ error: { code: string; fields: Record<string, string> } }>(await pia.client.post(api("/me/erase"), { password: "not my password at all", confirm: true }), 400);
    expect(wrong.error).toMatchObject({ code: "wrong_password", fields: { password: "wrong_password" } });
    expectStatus(await pia.client.get(api("/me")), 200);
  });

  it("counts wrong passwords against the account's sign-in limit (429), so a borrowed session cannot guess it", async () => {
    const guesser = await register(t, "Gus Guess");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await guesser.client.post(api("/me/erase"), { password: `guess number ${i}`, confirm: true })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The same limit as signing in: the right password is refused too while it lasts.
    expect((await t.client().signIn(guesser.email)).statusCode).toBe(429);
    expectStatus(await guesser.client.get(api("/me")), 200);
  });

  it("asks the owner of a group to hand it over first (409 naming the group), and the only administrator to name another", async () => {
    const preview = expectStatus<ErasurePreview>(await sol.teacher.client.get(api("/me/erasure")), 200);
    expect(preview.groupsToHandOver.map((g) => g.name).sort()).toEqual(["7B", "Kören"]);
    const owner = expectStatus<{ error: { code: string; message: string } }>(await sol.teacher.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 409);
    expect(owner.error.code).toBe("owner_must_transfer");
    expect(owner.error.message).toContain("7B");
    const admin = expectStatus<{ error: { code: string; message: string } }>(await sol.admin!.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 409);
    expect(admin.error).toMatchObject({ code: "last_admin" });
    expect(admin.error.message).toContain("Solskolan");
    expectStatus(await sol.teacher.client.get(api("/me")), 200);
    expectStatus(await sol.admin!.client.get(api("/me")), 200);
  });

  it("erases everything of mine — no table or stored file holds my id, name or e-mail — and leaves everyone else's content intact", async () => {
    const [s1, s2, s3, s4, s5] = sol.students as [Person, Person, Person, Person, Person];
    // My picture, loops with a file and a tag, an anonymous loop, threads under them.
    const picture = multipartFile("file", "me.png", "image/png", png);
    expectStatus(await zelda.client.put(api("/me/picture"), picture.payload, picture.headers), 200);
    const form = multipartLoop({ emoji: 4, text: "My model bridge held 3 kg.", tagIds: [sol.tags[0]!.id] }, [{ name: "bridge.png", type: "image/png", data: png }]);
    const withFile = expectStatus<{ loop: { id: string } }>(await zelda.client.post(api(`/groups/${sol.groupId}/loops`), form.payload, form.headers), 201).loop;
    const named = await sendLoop(zelda, sol.groupId, { text: "Group work went well.", taskId: sol.tasks[0]!.id });
    expectStatus(await sol.teacher.client.patch(api(`/groups/${sol.groupId}`), { anonymousLoopsAllowed: true }), 200);
    await sendLoop(zelda, sol.groupId, { text: "Something bothers me.", anonymous: true });
    const teacherReply = await comment(sol.teacher, withFile.id, "Well done, keep going!");
    await comment(zelda, withFile.id, "Thanks!");
    await comment(sol.teacher, named.id, "Nice teamwork.");
    // Peers' loops: mine on them stay as "Deleted user" in Solskolan, go in Bergskolan.
    const piasChoirLoop = await sendLoop(pia, choir, { text: "We sang in four parts." });
    await comment(zelda, piasChoirLoop.id, "Your alto line was lovely");
    const piasReply = await comment(pia, piasChoirLoop.id, "Thank you");
    const piasBook = await sendLoop(pia, berg.groupId, { text: "Finished the novel." });
    await comment(zelda, piasBook.id, "I loved the ending too");
    await comment(berg.leader, piasBook.id, "Good reading, Pia.");
    // Others keep sending in my groups (the roll-ups of what remains must stay exact).
    await sendLoop(s1, sol.groupId, { text: "Lab done." });
    // Survey answers: a closed anonymous survey (detached), an open named one (deleted).
    const anon = await survey(sol, { anonymous: true, title: "Anonymous week survey" });
    for (const [i, p] of [zelda, s1, s2, s3, s4, s5].entries()) await anon.answer(p, (i % 5) + 1);
    expectStatus(await sol.teacher.client.post(api(`/surveys/${anon.id}/close`)), 200);
    const resultsBefore = expectStatus<{ respondentCount: number; hidden: string | null }>(await sol.teacher.client.get(api(`/surveys/${anon.id}/results`)), 200);
    expect(resultsBefore).toMatchObject({ respondentCount: 6, hidden: null });
    const named2 = await survey(sol, { anonymous: false, title: "Named survey" });
    // Issue 8: a link to a provider, and a sign-in elsewhere waiting for her password to link another provider account.
    const at = new Date().toISOString();
    await t.db.handle.db
      .insertInto("user_identities")
      .values({ id: randomUUID(), user_id: zelda.id, issuer: "https://accounts.google.com", subject: "zelda-google-sub", email: zelda.email, hosted_domain: null, created_at: at, last_used_at: at })
      .execute();
    const claims = { issuer: "https://accounts.google.com", subject: "someone-else", email: zelda.email.toUpperCase(), emailVerified: true, name: zelda.name, picture: null, hostedDomain: null };
    await t.db.handle.db
      .insertInto("oidc_flows")
      .values({ token_hash: "pending-link-for-zelda", intent: "sign_in", stage: "confirm_link", user_id: null, session_id: null, state: "s", nonce: "n", code_verifier: "v", return_to: "/", language: "en", claims: JSON.stringify(claims), created_at: at })
      .execute();
    await named2.answer(zelda, 2);
    await named2.answer(s1, 3);
    // Settings, feed, an export (its file holds my data), an invitation to my address.
    expectStatus(await zelda.client.put(api("/me/notification-preferences"), { preferences: { comment_created: "off" } }), 200);
    expectStatus(await zelda.client.put(api("/me/crash-report-setting"), { enabled: true }), 200);
    expectStatus(await zelda.client.post(api("/me/exports")), 202);
    await t.app.ctx.jobs.idle();
    expectStatus(await sol.teacher.client.post(api(`/groups/${sol.groupId}/invitations`), { email: zelda.email, role: "leader" }), 201);
    // A second device, and live streams on both.
    const phone = t.client();
    expectStatus(await phone.signIn(zelda.email), 200);
    const phonePerson = { ...zelda, client: phone };
    const streams = [await streamEnds(zelda, 4_000), await streamEnds(phonePerson, 4_000)];
    expect(streams.map((s) => s.opened)).toEqual([200, 200]);

    const needles = [zelda.id, zelda.name, zelda.email];
    expect((await clearTextIn(needles)).length).toBeGreaterThan(5);
    const blobsBefore = await blobKeys();
    const preview = expectStatus<ErasurePreview>(await zelda.client.get(api("/me/erasure")), 200);
    expect(preview).toMatchObject({ groupsToHandOver: [], organisationsToHandOver: [], loops: 3 });
    expect(preview.comments.map((c) => [c.organisation.name, c.count, c.kept]).sort()).toEqual([
      ["Bergskolan", 1, false],
      ["Solskolan", 1, true],
    ]);

    // The audit log stores her as a pseudonym, which the administrator's view resolves to her while she exists.
    const hers = await auditLog(sol.admin!, sol.orgId, { actorId: zelda.id });
    expect(hers.map((e) => e.action)).toContain("join.by_code");
    expect(hers.every((e) => e.actor?.id === zelda.id && e.actor.name === zelda.name)).toBe(true);

    expectStatus(await zelda.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 200);

    // Afterwards her rows read as one unnamed pseudonym: the erasure itself among them, nothing leads back to her.
    expect(await auditLog(sol.admin!, sol.orgId, { actorId: zelda.id })).toEqual([]);
    const after = await auditLog(sol.admin!, sol.orgId);
    const erased = after.find((e) => e.action === "user.erased")!;
    expect(erased).toMatchObject({ actor: { name: "" }, subjectType: "user", data: {} });
    const pseudonym = erased.actor!.id;
    expect(erased.subjectId).toBe(pseudonym);
    expect(after.filter((e) => e.actor?.id === pseudonym).map((e) => e.id).sort()).toEqual(hers.map((e) => e.id).concat(erased.id).sort());
    expect((await auditLog(berg.leader, berg.orgId)).filter((e) => e.action === "user.erased")).toHaveLength(1);

    // §7.14: nothing of me in clear text, in any table or stored file.
    expect(await clearTextIn(needles)).toEqual([]);
    expect(await clearTextInBlobs(needles)).toEqual([]);
    // My files are gone: the picture, the loop's image and thumbnail, the export.
    const blobsAfter = await blobKeys();
    expect([...blobsBefore].filter((k) => !blobsAfter.has(k)).length).toBeGreaterThanOrEqual(4);
    expect(await t.db.handle.db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);

    // §7.9: every session ended at once, and the live streams with them; I cannot sign in.
    await Promise.all(streams.map((s) => s.ended));
    expect((await zelda.client.get(api("/me"))).statusCode).toBe(401);
    expect((await phone.get(api("/me"))).statusCode).toBe(401);
    expect((await t.client().signIn(zelda.email)).statusCode).toBe(401);

    // My loops went with their threads (the teacher's replies on them too).
    expect((await sol.teacher.client.get(api(`/loops/${withFile.id}`))).statusCode).toBe(404);
    expect(await t.db.handle.db.selectFrom("comments").select("id").where("id", "=", teacherReply.id).execute()).toEqual([]);
    // Solskolan keeps my comment on Pia's loop as "Deleted user"; Pia's own reply is intact.
    const choirThread = await threadOf(pia, piasChoirLoop.id);
    expect(choirThread.comments.map((c) => [c.authorRole, c.text, c.author === null])).toEqual([
      ["deleted", "Your alto line was lovely", true],
      ["sender", "Thank you", false],
    ]);
    expect(piasReply.id).toBeTruthy();
    // Pia's feed no longer tells of my comment (without me it would read as an anonymous sender's); the teacher's still does.
    const piasFeed = await t.db.handle.db.selectFrom("notifications").select(["kind", "actor_id"]).where("user_id", "=", pia.id).where("kind", "=", "comment_created").execute();
    expect(piasFeed.map((n) => n.actor_id)).toEqual([berg.leader.id]);
    // Bergskolan removes it: a deleted comment, without author or text; the leader's stays.
    const bookThread = await threadOf(pia, piasBook.id);
    expect(bookThread.comments.map((c) => [c.authorRole, c.deleted, c.text])).toEqual([
      ["deleted", true, ""],
      ["peer", false, "Good reading, Pia."],
    ]);
    const book = expectStatus<{ loop: { commentCount: number } }>(await pia.client.get(api(`/loops/${piasBook.id}`)), 200).loop;
    expect(book.commentCount).toBe(1);
    // The closed anonymous survey's results do not change; the open named one lost my answer.
    // (Only the number of members who may answer changes: one member fewer.)
    const resultsAfter = expectStatus<{ answererCount: number }>(await sol.teacher.client.get(api(`/surveys/${anon.id}/results`)), 200);
    expect({ ...resultsAfter, answererCount: 0 }).toEqual({ ...resultsBefore, answererCount: 0 });
    const namedResults = expectStatus<{ respondentCount: number }>(await sol.teacher.client.get(api(`/surveys/${named2.id}/results`)), 200);
    expect(namedResults.respondentCount).toBe(1);
    // Everyone else's loops are there; the statistics roll-ups equal a direct recount.
    expectStatus(await s1.client.get(api(`/inbox`)), 200);
    expect(await t.db.handle.db.selectFrom("loops").select("id").where("id", "in", [piasChoirLoop.id, piasBook.id]).execute()).toHaveLength(2);
    await expectRollupsExact(t, sol.orgId);
    await expectRollupsExact(t, berg.orgId);
  });
});

describe("someone alone in what they own", () => {
  it("deletes, with the account, a school and its group where nobody else is, files included", async () => {
    const solo = await register(t, "Sven Solo");
    const school = await createOrganisation(solo, "Soloskolan");
    const group = await createGroup(solo, school, { name: "Testgrupp" });
    const post = multipartLoop({ title: "Welcome", body: "Hi." }, [{ name: "map.png", type: "image/png", data: png }], { field: "post" });
    expectStatus(await solo.client.post(api(`/groups/${group}/posts`), post.payload, post.headers), 201);
    const postFiles = (await t.db.handle.db.selectFrom("post_attachments").select(["blob_key", "thumbnail_key"]).where("organisation_id", "=", school).execute()).flatMap((f) =>
      [f.blob_key, f.thumbnail_key].filter((k): k is string => k !== null),
    );
    expect(postFiles).toHaveLength(2);

    const preview = expectStatus<ErasurePreview>(await solo.client.get(api("/me/erasure")), 200);
    expect(preview).toMatchObject({ groupsToHandOver: [], organisationsToHandOver: [], groupsDeleted: [], organisationsDeleted: [{ id: school, name: "Soloskolan" }] });
    expectStatus(await solo.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 200);
    expect(await t.db.handle.db.selectFrom("organisations").select("id").where("id", "=", school).execute()).toEqual([]);
    expect(await t.db.handle.db.selectFrom("groups").select("id").where("id", "=", group).execute()).toEqual([]);
    const left = await blobKeys();
    expect(postFiles.filter((k) => left.has(k))).toEqual([]);
    expect(await clearTextIn([solo.id, solo.name, solo.email])).toEqual([]);
  });

  it("asks for a hand-over while someone else is in the group or the school; a group left empty then goes with its owner", async () => {
    const owner = await register(t, "Olle Owner");
    const school = await createOrganisation(owner, "Ensamskolan");
    const group = await createGroup(owner, school, { name: "Ettan" });
    const guest = await register(t, "Gun Guest");
    await join(guest, (await groupCodes(owner, group)).sender!);
    expect(expectStatus<ErasurePreview>(await owner.client.get(api("/me/erasure")), 200)).toMatchObject({
      groupsToHandOver: [{ id: group, name: "Ettan" }],
      organisationsToHandOver: [{ id: school, name: "Ensamskolan" }],
      groupsDeleted: [],
      organisationsDeleted: [],
    });
    expect((await owner.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true })).statusCode).toBe(409);
    // The guest leaves the group but stays in the school: the school still needs another administrator.
    expectStatus(await guest.client.post(api(`/groups/${group}/leave`)), 204);
    expect(expectStatus<ErasurePreview>(await owner.client.get(api("/me/erasure")), 200)).toMatchObject({
      groupsToHandOver: [],
      organisationsToHandOver: [{ id: school }],
    });
    expectStatus(await owner.client.post(api(`/organisations/${school}/admins`), { email: guest.email }), 204);
    expect(expectStatus<ErasurePreview>(await owner.client.get(api("/me/erasure")), 200)).toMatchObject({
      groupsToHandOver: [],
      organisationsToHandOver: [],
      groupsDeleted: [{ id: group, name: "Ettan" }],
      organisationsDeleted: [],
    });
    expectStatus(await owner.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 200);
    expect(await t.db.handle.db.selectFrom("groups").select("id").where("id", "=", group).execute()).toEqual([]);
    expectStatus(await guest.client.get(api(`/organisations/${school}`)), 200);
    expect((await auditLog(guest, school)).map((e) => e.action)).toEqual(expect.arrayContaining(["user.erased", "group.deleted_with_owner"]));
  });
});

describe("a file store that fails during the erasure", () => {
  it("leaves the account erased and the files queued; the sweep deletes them later", async () => {
    const kim = await register(t, "Kim Crashtest");
    await join(kim, (await groupCodes(sol.teacher, sol.groupId)).sender!);
    const form = multipartLoop({ emoji: 3, text: "A photo." }, [{ name: "p.png", type: "image/png", data: png }]);
    expectStatus(await kim.client.post(api(`/groups/${sol.groupId}/loops`), form.payload, form.headers), 201);
    const files = await t.db.handle.db.selectFrom("attachments as a").innerJoin("loops as l", "l.id", "a.loop_id").select(["a.blob_key", "a.thumbnail_key"]).where("l.sender_id", "=", kim.id).execute();
    const keys = files.flatMap((f) => [f.blob_key, f.thumbnail_key]).filter((k): k is string => k !== null);
    expect(keys).toHaveLength(2);
    const blobs = t.app.ctx.blobs;
    const realDelete = blobs.delete.bind(blobs);
    blobs.delete = () => Promise.reject(new Error("the store is down"));
    try {
      expectStatus(await kim.client.post(api("/me/erase"), { password: DEFAULT_PASSWORD, confirm: true }), 200);
    } finally {
      blobs.delete = realDelete;
    }
    expect((await t.client().signIn(kim.email)).statusCode).toBe(401);
    const pending = (await t.db.handle.db.selectFrom("pending_blob_deletions").select("blob_key").execute()).map((r) => r.blob_key);
    expect(pending.sort()).toEqual([...keys].sort());
    expect([...(await blobKeys())].filter((k) => keys.includes(k))).toHaveLength(2);

    await t.app.ctx.jobs.runScheduled(BLOB_SWEEP_JOB);
    expect([...(await blobKeys())].filter((k) => keys.includes(k))).toEqual([]);
    expect(await t.db.handle.db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);
  });
});

describe("an administrator erases a member's data", () => {
  it("should require authentication", async () => {
    expect((await t.client().post(api(`/organisations/${sol.orgId}/members/${MISSING_ID}/erase`), { confirm: true })).statusCode).toBe(401);
  });

  it("erases only this organisation's data when the member belongs elsewhere too, and answers others like a missing id", async () => {
    const both = await register(t, "Ola Twoschools");
    await join(both, (await groupCodes(sol.teacher, sol.groupId)).sender!);
    await join(both, (await groupCodes(berg.leader, berg.groupId)).sender!);
    const here = await sendLoop(both, sol.groupId, { text: "In Solskolan." });
    const there = await sendLoop(both, berg.groupId, { text: "In Bergskolan." });
    const stranger = await register(t, "Stina Stranger");

    // Not the administrator: 404 for a non-member of the organisation, 403 for a member.
    expect((await stranger.client.post(api(`/organisations/${sol.orgId}/members/${both.id}/erase`), { confirm: true })).statusCode).toBe(404);
    expect((await sol.teacher.client.post(api(`/organisations/${sol.orgId}/members/${both.id}/erase`), { confirm: true })).statusCode).toBe(403);
    // Someone who is not a member is as unknown as a missing id.
    expect((await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${stranger.id}/erase`), { confirm: true })).statusCode).toBe(404);
    expect((await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${MISSING_ID}/erase`), { confirm: true })).statusCode).toBe(404);
    expect((await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${both.id}/erase`), {})).statusCode).toBe(400);
    // The owner of a group is asked to hand it over first.
    expect(expectStatus<{ error: { code: string } }>(await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${sol.teacher.id}/erase`), { confirm: true }), 409).error.code).toBe(
      "owner_must_transfer",
    );

    expect(expectStatus(await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${both.id}/erase`), { confirm: true }), 200)).toEqual({ erased: "organisation" });
    // Their account and Bergskolan's loop stay; Solskolan's loop and membership are gone.
    expectStatus(await both.client.get(api("/me")), 200);
    expectStatus(await both.client.get(api(`/loops/${there.id}`)), 200);
    expect((await sol.teacher.client.get(api(`/loops/${here.id}`))).statusCode).toBe(404);
    expect((await both.client.get(api(`/groups/${sol.groupId}`))).statusCode).toBe(404);
    const orgs = expectStatus<{ organisations: { id: string }[] }>(await both.client.get(api("/organisations")), 200).organisations.map((o) => o.id);
    expect(orgs).toEqual([berg.orgId]);
    await expectRollupsExact(t, sol.orgId);
    // Audited in the organisation, by the administrator.
    const audit = await t.db.handle.db.selectFrom("audit_events").selectAll().where("action", "=", "member.erased").execute();
    expect(audit.map((a) => [a.organisation_id, JSON.parse(a.data).account])).toEqual([[sol.orgId, false]]);
  });

  it("erases the whole account of a member who belongs nowhere else: they cannot sign in", async () => {
    const only = await register(t, "Elsa Onlyhere", { email: "elsa.onlyhere@school.example" });
    await join(only, (await groupCodes(sol.teacher, sol.groupId)).sender!);
    await sendLoop(only, sol.groupId, { text: "Hello." });
    const device = sameSession(t, only);
    expect(expectStatus(await sol.admin!.client.post(api(`/organisations/${sol.orgId}/members/${only.id}/erase`), { confirm: true }), 200)).toEqual({ erased: "account" });
    expect((await device.get(api("/me"))).statusCode).toBe(401);
    expect((await t.client().signIn(only.email)).statusCode).toBe(401);
    expect(await clearTextIn([only.id, only.name, only.email])).toEqual([]);
    await expectRollupsExact(t, sol.orgId);
  });
});
