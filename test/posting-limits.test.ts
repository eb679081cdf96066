/** One account cannot flood a group with loops or comments: 429 with Retry-After, others unaffected. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/test-app.js";
import { expectStatus } from "./helpers/world.js";
import { sendLoop, setupClass, type Class } from "./helpers/loops.js";

let t: TestApp;
let c: Class;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: { postPerUser: { points: 3, windowSeconds: 600 } } });
  c = await setupClass(t);
});
afterAll(async () => t.close());

describe("posting limits", () => {
  it("should answer 429 to the fourth post in the window, count comments too, and leave other people alone", async () => {
    const [s1, s2] = c.students;
    const loop = await sendLoop(s1!, c.groupId);
    expectStatus(await s1!.client.post(`/api/v1/loops/${loop.id}/comments`, { text: "one more thing" }), 201);
    await sendLoop(s1!, c.groupId);
    const refused = await s1!.client.post(`/api/v1/groups/${c.groupId}/loops`, { emoji: 3 });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await s1!.client.post(`/api/v1/loops/${loop.id}/comments`, { text: "again" })).statusCode).toBe(429);
    const mine = expectStatus(await s1!.client.get("/api/v1/me/loops"), 200);
    expect(mine.loops).toHaveLength(2);
    await sendLoop(s2!, c.groupId);
  });
});
