/**
 * A loop answering a check-in occurrence that is deleted between the send command's check and its
 * insert: the foreign key refuses the row. The answer is a 409 the client can act on, not a 500,
 * and nothing of the loop is stored. The race is forced by letting the check see an occurrence
 * that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { countRows, setupClass, type Class } from "../../../../test/helpers/loops.js";

vi.mock("../checkins/queries.js", async (original) => ({
  ...(await original<typeof import("../checkins/queries.js")>()),
  // The check passes for any id, as it would a moment before a concurrent delete.
  findOccurrence: async (_db: unknown, organisationId: string, groupId: string, id: string) => ({ id, organisation_id: organisationId, group_id: groupId }),
}));

let t: TestApp;
let c: Class;

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 1 });
});
afterAll(() => t?.close());

describe("a loop whose check-in occurrence disappears before it is stored", () => {
  it("answers 409 conflict and stores nothing", async () => {
    const before = await countRows(t, "loops");
    const res = await c.students[0]!.client.post(`/api/v1/groups/${c.groupId}/loops`, { emoji: 3, text: "How the week went", checkinOccurrenceId: randomUUID() });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe("conflict");
    expect(await countRows(t, "loops")).toBe(before);
  });
});
