import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, enableLeaderCode, expectLikeMissing, expectStatus, join, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, countRows, docxBytes, jpegWithGps, loopBlobs, multipartLoop, pngBytes, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { POST_BODY_MAX_LENGTH, type Post, type PostPage } from "../../../shared/schemas/posts.js";

let t: TestApp;
/** Solskolan (administrator outside 7B); 7B: the teacher (owner), a co-leader, a tutor and three students. */
let c: Class;
let s1: Person;
let s2: Person;
let coLeader: Person;
let tutor: Person;
let foreign: Class;

type File = { name: string; type?: string; data: Buffer };
const api = (rest: string) => `/api/v1${rest}`;

/** Posts with files as multipart (the `post` field first), or as JSON without. */
function publish(p: Person, groupId: string, post: object, files?: File[]) {
  if (!files) return p.client.post(api(`/groups/${groupId}/posts`), post);
  const form = multipartLoop(post, files, { field: "post" });
  return p.client.post(api(`/groups/${groupId}/posts`), form.payload, form.headers);
}
async function newPost(p: Person, post: object = { title: "Trip on Friday", body: "Bring a packed lunch." }, files?: File[]) {
  t.clock.advance(1_000);
  return expectStatus<{ post: Post }>(await publish(p, c.groupId, post, files), 201).post;
}
const getPost = async (p: Person, id: string) => expectStatus<{ post: Post }>(await p.client.get(api(`/posts/${id}`)), 200).post;
const listPosts = async (p: Person, query = "") => expectStatus<PostPage>(await p.client.get(api(`/groups/${c.groupId}/posts${query}`)), 200);
const stored = async () => ({ posts: await countRows(t, "posts"), attachments: await countRows(t, "post_attachments"), blobs: await loopBlobs(t) });

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 3, withAdmin: true });
  [s1, s2] = c.students as [Person, Person];
  coLeader = await register(t, "Cora Colleague");
  await join(coLeader, await enableLeaderCode(c.teacher, c.groupId));
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
});
afterAll(async () => t.close());

describe("information posts", () => {
  it("should require authentication", async () => {
    const post = await newPost(c.teacher);
    const visitor = t.client();
    const calls = [
      visitor.get(api(`/groups/${c.groupId}/posts`)),
      visitor.post(api(`/groups/${c.groupId}/posts`), { title: "Hello" }),
      visitor.get(api(`/posts/${post.id}`)),
      visitor.patch(api(`/posts/${post.id}`), { title: "Changed" }),
      visitor.delete(api(`/posts/${post.id}`)),
      visitor.post(api(`/posts/${post.id}/seen`)),
      visitor.get(api(`/posts/${post.id}/attachments/${MISSING_ID}`)),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
    expect((await getPost(c.teacher, post.id)).title).toBe("Trip on Friday");
  });

  it("should let a leader post with files, served to members without EXIF and only as downloads", async () => {
    const photo = await jpegWithGps();
    const post = await newPost(c.teacher, { title: "Photos from the trip", body: "See them here.\n\nMore at https://example.org/trip." }, [
      { name: "IMG_0042 at Grandma's.jpg", type: "image/jpeg", data: photo },
      { name: "programme.docx", data: docxBytes() },
    ]);
    expect(post).toMatchObject({ title: "Photos from the trip", groupId: c.groupId, mine: true, seen: true, editedAt: null, author: { id: c.teacher.id, name: "Teacher Berg" } });
    expect(post.attachments.map((a) => [a.kind, a.name])).toEqual([
      ["image", "image-1.webp"],
      ["document", "programme.docx"],
    ]);
    const [image, doc] = post.attachments as [Post["attachments"][number], Post["attachments"][number]];
    expect(image.url).toBe(`/api/v1/posts/${post.id}/attachments/${image.id}`);
    expect(image.thumbnailUrl).toBe(`${image.url}?variant=thumbnail`);
    for (const reader of [s1, tutor, coLeader]) {
      const res = await reader.client.get(image.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject({
        "content-type": "image/webp",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
      });
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="image-1.webp"/);
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(res.rawPayload.includes(Buffer.from("SecretPhoneMaker"))).toBe(false);
    }
    const thumb = await s2.client.get(image.thumbnailUrl!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers["content-disposition"]).toMatch(/^attachment; filename="thumbnail-image-1.webp"/);
    const file = await s1.client.get(doc.url);
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="programme.docx"/);
    // A file of another post (or none) under this post's address is missing.
    const other = await newPost(c.teacher, { title: "Other" });
    expect((await s1.client.get(api(`/posts/${other.id}/attachments/${image.id}`))).statusCode).toBe(404);
  });

  it("should show every member the group's posts newest first, page by page", async () => {
    const a = await newPost(c.teacher, { title: "First" });
    const b = await newPost(coLeader, { title: "Second" });
    for (const reader of [s1, tutor, coLeader, c.teacher]) {
      const page = await listPosts(reader);
      expect(page.posts.slice(0, 2).map((p) => p.id)).toEqual([b.id, a.id]);
    }
    const first = await listPosts(s1, "?limit=1");
    expect(first.posts.map((p) => p.id)).toEqual([b.id]);
    const second = await listPosts(s1, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.posts.map((p) => p.id)).toEqual([a.id]);
    const all = await listPosts(s1, "?limit=50");
    expect(all.nextCursor).toBeNull();
    expect(new Set(all.posts.map((p) => p.id)).size).toBe(all.posts.length);
    expect((await s1.client.get(api(`/groups/${c.groupId}/posts?cursor=nonsense`))).json().error.fields).toEqual({ cursor: "invalid" });
  });

  it("should let only leaders post: senders and tutors are refused, outsiders see nothing", async () => {
    const before = await stored();
    for (const p of [s1, tutor]) {
      const res = await publish(p, c.groupId, { title: "Not mine to post" });
      expect(res.statusCode, res.body).toBe(403);
    }
    // The administrator sees the group, not its posts.
    expect((await publish(c.admin!, c.groupId, { title: "Admin" })).statusCode).toBe(403);
    expect((await c.admin!.client.get(api(`/groups/${c.groupId}/posts`))).statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it("should answer another organisation's posts exactly like missing ones", async () => {
    const post = await newPost(c.teacher, { title: "Private to 7B" }, [{ name: "a.png", data: await pngBytes() }]);
    const outsider = foreign.teacher.client;
    await expectLikeMissing(outsider, "GET", api(`/posts/${post.id}`), api(`/posts/${MISSING_ID}`));
    await expectLikeMissing(outsider, "PATCH", api(`/posts/${post.id}`), api(`/posts/${MISSING_ID}`), { title: "Taken over" });
    await expectLikeMissing(outsider, "DELETE", api(`/posts/${post.id}`), api(`/posts/${MISSING_ID}`));
    await expectLikeMissing(outsider, "POST", api(`/posts/${post.id}/seen`), api(`/posts/${MISSING_ID}/seen`));
    await expectLikeMissing(outsider, "GET", post.attachments[0]!.url, api(`/posts/${MISSING_ID}/attachments/${post.attachments[0]!.id}`));
    await expectLikeMissing(outsider, "GET", api(`/groups/${c.groupId}/posts`), api(`/groups/${MISSING_ID}/posts`));
    await expectLikeMissing(outsider, "POST", api(`/groups/${c.groupId}/posts`), api(`/groups/${MISSING_ID}/posts`), { title: "Hello" });
    // The organisation's administrator outside the group and a member of another class: the same.
    await expectLikeMissing(c.admin!.client, "GET", api(`/posts/${post.id}`), api(`/posts/${MISSING_ID}`));
    expect((await getPost(s1, post.id)).title).toBe("Private to 7B");
  });

  it("should count who has seen a post for leaders and tutors, not for senders", async () => {
    const post = await newPost(c.teacher, { title: "Read me" });
    // Audience: everyone in 7B but the author (co-leader, tutor, three students).
    expect(await getPost(c.teacher, post.id)).toMatchObject({ seen: true, seenCount: 0, memberCount: 5, abilities: { markSeen: false, readSeen: true } });
    expect(await getPost(s1, post.id)).toMatchObject({ seen: false, seenCount: null, memberCount: null, abilities: { markSeen: true, readSeen: false, edit: false, delete: false } });
    for (let i = 0; i < 3; i++) expect((await s1.client.post(api(`/posts/${post.id}/seen`))).statusCode).toBe(204);
    expect((await tutor.client.post(api(`/posts/${post.id}/seen`))).statusCode).toBe(204);
    expect(await getPost(s1, post.id)).toMatchObject({ seen: true, seenCount: null });
    expect(await getPost(s2, post.id)).toMatchObject({ seen: false });
    expect(await getPost(coLeader, post.id)).toMatchObject({ seen: false, seenCount: 2, memberCount: 5, abilities: { readSeen: true } });
    expect(await getPost(tutor, post.id)).toMatchObject({ seen: true, seenCount: 2, abilities: { readSeen: true, edit: false } });
    const listed = (await listPosts(c.teacher)).posts.find((p) => p.id === post.id);
    expect(listed).toMatchObject({ seenCount: 2, memberCount: 5 });
    expect((await listPosts(s2)).posts.every((p) => p.seenCount === null && p.memberCount === null)).toBe(true);
    // The author has seen what they wrote; marking it is not theirs to do.
    expect((await c.teacher.client.post(api(`/posts/${post.id}/seen`))).statusCode).toBe(403);
    expect((await getPost(c.teacher, post.id)).seenCount).toBe(2);
  });

  it("should let the group's leaders edit and delete, marking edits and auditing each act", async () => {
    const post = await newPost(c.teacher, { title: "Draft title", body: "Old text" }, [{ name: "a.png", data: await pngBytes() }]);
    for (const p of [s1, tutor]) {
      expect((await p.client.patch(api(`/posts/${post.id}`), { title: "Mine now" })).statusCode).toBe(403);
      expect((await p.client.delete(api(`/posts/${post.id}`))).statusCode).toBe(403);
    }
    t.clock.advance(60_000);
    // A co-leader may correct it, like a task.
    const edited = expectStatus<{ post: Post }>(await coLeader.client.patch(api(`/posts/${post.id}`), { body: "New text" }), 200).post;
    expect(edited).toMatchObject({ title: "Draft title", body: "New text", editedAt: t.clock().toISOString(), author: { id: c.teacher.id } });
    expect(edited.attachments).toHaveLength(1);
    t.clock.advance(1_000);
    const renamed = expectStatus<{ post: Post }>(await c.teacher.client.patch(api(`/posts/${post.id}`), { title: "  Final title  " }), 200).post;
    expect(renamed).toMatchObject({ title: "Final title", body: "New text" });
    expect((await c.teacher.client.patch(api(`/posts/${post.id}`), { title: "" })).json().error.fields).toEqual({ title: "too_short" });

    const blobsBefore = await loopBlobs(t);
    expect((await s1.client.post(api(`/posts/${post.id}/seen`))).statusCode).toBe(204);
    t.clock.advance(1_000);
    expect((await coLeader.client.delete(api(`/posts/${post.id}`))).statusCode).toBe(204);
    expect((await s1.client.get(api(`/posts/${post.id}`))).statusCode).toBe(404);
    expect((await s1.client.get(post.attachments[0]!.url)).statusCode).toBe(404);
    // Its file and thumbnail are gone from the store.
    const blobsAfter = await loopBlobs(t);
    expect(blobsBefore.length - blobsAfter.length).toBe(2);

    const rows = (await auditLog(c.admin!, c.orgId, { action: "post." })).filter((r) => r.subjectId === post.id && r.outcome === "success");
    expect(rows.map((r) => [r.action, r.actor?.id])).toEqual([
      ["post.deleted", coLeader.id],
      ["post.edited", c.teacher.id],
      ["post.edited", coLeader.id],
      ["post.created", c.teacher.id],
    ]);
  });

  it("should refuse bad titles and texts, storing nothing", async () => {
    const before = await stored();
    const cases: [object, Record<string, string>][] = [
      [{}, { title: "required" }],
      [{ title: "   " }, { title: "too_short" }],
      [{ title: "x".repeat(201) }, { title: "too_long" }],
      [{ title: "Two\nlines" }, { title: "invalid" }],
      [{ title: "Long", body: "x".repeat(POST_BODY_MAX_LENGTH + 1) }, { body: "too_long" }],
    ];
    for (const [body, fields] of cases) {
      const res = await publish(c.teacher, c.groupId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toEqual(fields);
    }
    expect(await stored()).toEqual(before);
  });

  it("should leave no row and no blob when any file is refused", async () => {
    const png = await pngBytes();
    const before = await stored();
    const refusals: [File[], number, string][] = [
      // The second file lies about its type: the first, already stored, must go too.
      [[{ name: "ok.png", data: png }, { name: "notes.pdf", data: png }], 415, "attachment_type_refused"],
      [[{ name: "ok.png", data: png }, { name: "program.exe", data: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]) }], 415, "attachment_type_refused"],
      [Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.png`, data: png })), 400, "validation"],
    ];
    for (const [files, status, code] of refusals) {
      const res = await publish(c.teacher, c.groupId, { title: "With files" }, files);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await stored()).toEqual(before);
    }
    // The post's field must come first; files before it are refused, as for loops.
    const form = multipartLoop({ title: "Late" }, [{ name: "ok.png", data: png }], { field: "post", loopLast: true });
    const late = await c.teacher.client.post(api(`/groups/${c.groupId}/posts`), form.payload, form.headers);
    expect(late.json().error.fields).toEqual({ post: "required" });
    expect(await stored()).toEqual(before);
    // A bad post in the form is refused as in JSON.
    expect((await publish(c.teacher, c.groupId, { title: "" }, [{ name: "ok.png", data: png }])).json().error.fields).toEqual({ title: "too_short" });
    expect(await stored()).toEqual(before);
  });

  it("should keep markup in a post inert text", async () => {
    const xss = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
    const post = await newPost(c.teacher, { title: `Hello ${xss}`, body: `Text ${xss}\n\njavascript:alert(3)` });
    const res = await s1.client.get(api(`/posts/${post.id}`));
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json().post).toMatchObject({ title: `Hello ${xss}`, body: `Text ${xss}\n\njavascript:alert(3)` });
  });

  it("should tell every member but the author in the feed, with the post's title", async () => {
    const before = await t.db.handle.db.selectFrom("notifications").select("id").where("kind", "=", "post_published").execute();
    const post = await newPost(coLeader, { title: "Parents' evening" });
    const rows = await t.db.handle.db
      .selectFrom("notifications")
      .selectAll()
      .where("kind", "=", "post_published")
      .where("post_id", "=", post.id)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([c.teacher.id, tutor.id, ...c.students.map((s) => s.id)].sort());
    expect(rows.every((r) => r.title === "Parents' evening" && r.group_id === c.groupId && r.actor_id === coLeader.id && r.organisation_id === c.orgId)).toBe(true);
    expect(before.length + rows.length).toBe((await t.db.handle.db.selectFrom("notifications").select("id").where("kind", "=", "post_published").execute()).length);
    // Nothing for the other organisation.
    expect(rows.some((r) => r.user_id === foreign.teacher.id || r.user_id === c.admin!.id)).toBe(false);
  });

  it("should close the posts of an inactive group", async () => {
    const g = expectStatus<{ group: { id: string } }>(
      await c.teacher.client.post(api(`/organisations/${c.orgId}/groups`), { name: "Closing", type: "hierarchical", hasStudentMembers: true }),
      201,
    ).group;
    const post = expectStatus<{ post: Post }>(await publish(c.teacher, g.id, { title: "Last words" }), 201).post;
    expect((await c.teacher.client.post(api(`/groups/${g.id}/inactivate`))).statusCode).toBe(200);
    expect((await c.teacher.client.get(api(`/groups/${g.id}/posts`))).statusCode).toBe(403);
    expect((await c.teacher.client.get(api(`/posts/${post.id}`))).statusCode).toBe(404);
    expect((await publish(c.teacher, g.id, { title: "More" })).statusCode).toBe(403);
  });
});
