import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { expectStatus, MISSING_ID } from "../../../../test/helpers/world.js";
import { jpegWithGps, multipartLoop, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";

let t: TestApp;
let c: Class;

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t);
});
afterAll(async () => t.close());

describe("loops", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const [method, url] of [
      ["POST", `/api/v1/groups/${c.groupId}/loops`],
      ["GET", `/api/v1/loops/${MISSING_ID}`],
      ["GET", "/api/v1/inbox"],
      ["GET", "/api/v1/me/loops"],
      ["GET", "/api/v1/events"],
    ] as const) {
      const res = await visitor.request(method, url, method === "POST" ? { emoji: 3 } : undefined);
      expect(res.statusCode, url).toBe(401);
    }
  });

  it("should send a loop with tags on a task and show it to the teacher", async () => {
    const [s1] = c.students;
    const loop = await sendLoop(s1!, c.groupId, { taskId: c.tasks[0]!.id, tagIds: [c.tags[0]!.id, c.tags[1]!.id], emoji: 5 });
    expect(loop).toMatchObject({ emoji: 5, mine: true, anonymous: false, task: { id: c.tasks[0]!.id } });
    const inbox = expectStatus(await c.teacher.client.get("/api/v1/inbox"), 200);
    expect(inbox.loops.map((l: { id: string }) => l.id)).toContain(loop.id);
    const seen = inbox.loops.find((l: { id: string }) => l.id === loop.id);
    expect(seen.sender.name).toBe("Student 1");
    expect(seen.unread).toBe(true);
    expect(seen.tags.map((x: { name: string }) => x.name)).toEqual(["took initiative", "worked with others"]);
  });

  it("should store an image without EXIF and serve it as a download", async () => {
    const [, s2] = c.students;
    const form = multipartLoop({ emoji: 3, text: "photo" }, [{ name: "IMG_2041 at Grandmas.jpg", type: "image/jpeg", data: await jpegWithGps() }]);
    const res = await s2!.client.post(`/api/v1/groups/${c.groupId}/loops`, form.payload, form.headers);
    const loop = expectStatus(res, 201).loop;
    expect(loop.attachments).toHaveLength(1);
    expect(loop.attachments[0].name).toBe("image-1.webp");
    const file = await c.teacher.client.get(loop.attachments[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.rawPayload.includes(Buffer.from("SecretPhoneMaker"))).toBe(false);
    expect(file.rawPayload.includes(Buffer.from("Exif"))).toBe(false);
  });

  it("should thread comments and approve a report", async () => {
    const [s1] = c.students;
    const loop = await sendLoop(s1!, c.groupId, { taskId: c.tasks[1]!.id });
    expectStatus(await c.teacher.client.post(`/api/v1/loops/${loop.id}/comments`, { text: "Nice work!" }), 201);
    expectStatus(await s1!.client.post(`/api/v1/loops/${loop.id}/read`), 204);
    const thread = expectStatus(await c.teacher.client.get(`/api/v1/loops/${loop.id}/comments`), 200);
    expect(thread.comments).toHaveLength(1);
    expect(thread.readBy.map((r: { person: { name: string } }) => r.person.name)).toEqual(["Student 1"]);
    const approved = expectStatus(await c.teacher.client.post(`/api/v1/loops/${loop.id}/approve`, { comment: "Approved." }), 200).loop;
    expect(approved.approval.approvedBy.name).toBe("Teacher Berg");
    const tasks = expectStatus(await s1!.client.get(`/api/v1/groups/${c.groupId}/tasks`), 200).tasks;
    expect(tasks.find((x: { id: string }) => x.id === c.tasks[1]!.id).myState).toBe("approved");
  });

  it("should hide the sender of an anonymous loop from the teacher", async () => {
    const [s1] = c.students;
    const loop = await sendLoop(s1!, c.groupId, { anonymous: true, text: "secret" });
    const seen = expectStatus(await c.teacher.client.get(`/api/v1/loops/${loop.id}`), 200).loop;
    expect(seen.sender).toBeNull();
    expect(seen.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(seen)).not.toContain(s1!.id);
  });

  it("should never show a sender another sender's loop", async () => {
    const [s1, s2] = c.students;
    const loop = await sendLoop(s1!, c.groupId);
    expect((await s2!.client.get(`/api/v1/loops/${loop.id}`)).statusCode).toBe(404);
    expect((await s2!.client.get(`/api/v1/loops/${loop.id}/comments`)).statusCode).toBe(404);
  });
});
