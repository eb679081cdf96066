/**
 * The policy engine: who may act, and what a refusal looks like from outside — a resource the
 * actor may not read answers 404 exactly like a missing one; a readable one they may not act on, 403.
 */
import { describe, expect, it } from "vitest";
import { HttpError } from "../http/errors.js";
import { and, definePolicy, type Actor } from "./index.js";

interface Note {
  id: string;
  ownerId: string;
  sharedWith: string[];
  locked: boolean;
}

const ACTIONS = ["read", "edit", "delete"] as const;

function notePolicy() {
  const policy = definePolicy<Note, (typeof ACTIONS)[number]>("note", ACTIONS);
  policy.allow("read", (actor, note) => actor.userId === note.ownerId);
  policy.allow("read", (actor, note) => note.sharedWith.includes(actor.userId));
  policy.allow(
    "edit",
    and(
      (actor, note) => actor.userId === note.ownerId,
      (_actor, note) => !note.locked,
    ),
  );
  policy.allow("delete", (actor) => actor.isInstanceAdmin);
  return policy;
}

const owner: Actor = { userId: "owner", sessionId: "s1", isInstanceAdmin: false };
const reader: Actor = { userId: "reader", sessionId: "s2", isInstanceAdmin: false };
const stranger: Actor = { userId: "stranger", sessionId: "s3", isInstanceAdmin: false };
const admin: Actor = { userId: "admin", sessionId: "s4", isInstanceAdmin: true };
const note: Note = { id: "n1", ownerId: "owner", sharedWith: ["reader"], locked: false };

function refusal(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error("expected the call to be refused");
}

describe("definePolicy", () => {
  it("lets a visitor do nothing, even an action whose rule ignores the actor", () => {
    const policy = notePolicy();
    policy.allow("read", () => true);
    expect(policy.can(null, "read", note)).toBe(false);
    expect(policy.can(null, "edit", note)).toBe(false);
    expect(refusal(() => policy.authorize(null, "read", note)).status).toBe(404);
  });

  it("allows an action when any one of its rules allows it", () => {
    const policy = notePolicy();
    expect(policy.can(owner, "read", note)).toBe(true);
    expect(policy.can(reader, "read", note)).toBe(true);
    expect(policy.can(stranger, "read", note)).toBe(false);
  });

  it("requires every rule composed with and()", () => {
    const policy = notePolicy();
    expect(policy.can(owner, "edit", note)).toBe(true);
    expect(policy.can(owner, "edit", { ...note, locked: true })).toBe(false);
  });

  it("refuses an action nobody declared a rule for", () => {
    const policy = definePolicy<Note, "read" | "archive">("note", ["read", "archive"]);
    policy.allow("read", () => true);
    expect(policy.can(owner, "archive", note)).toBe(false);
  });

  it("authorize returns the resource when the actor may act on it", () => {
    expect(notePolicy().authorize(owner, "edit", note)).toBe(note);
  });

  it("authorize answers 404 not_found for a missing resource", () => {
    for (const missing of [undefined, null]) {
      const err = refusal(() => notePolicy().authorize(owner, "read", missing));
      expect(err).toMatchObject({ status: 404, code: "not_found" });
    }
  });

  it("authorize answers an unreadable resource exactly like a missing one", () => {
    const hidden = refusal(() => notePolicy().authorize(stranger, "edit", note));
    const missing = refusal(() => notePolicy().authorize(stranger, "edit", undefined));
    expect(hidden).toMatchObject({ status: 404, code: "not_found" });
    expect({ status: hidden.status, code: hidden.code, message: hidden.message }).toEqual({
      status: missing.status,
      code: missing.code,
      message: missing.message,
    });
  });

  it("authorize answers 403 forbidden when the actor may read but not do the action", () => {
    const err = refusal(() => notePolicy().authorize(reader, "edit", note));
    expect(err).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("authorize hides a resource even from an actor allowed the action, when they may not read it", () => {
    // The admin may delete any note by rule, but cannot see this one: existence must not leak.
    const err = refusal(() => notePolicy().authorize(admin, "delete", note));
    expect(err).toMatchObject({ status: 404, code: "not_found" });
  });

  it("abilities lists every declared action with the actor's answer", () => {
    const policy = notePolicy();
    expect(policy.abilities(owner, note)).toEqual({ read: true, edit: true, delete: false });
    expect(policy.abilities(reader, note)).toEqual({ read: true, edit: false, delete: false });
    expect(policy.abilities(null, note)).toEqual({ read: false, edit: false, delete: false });
  });
});
