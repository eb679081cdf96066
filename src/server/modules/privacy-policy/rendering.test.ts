/**
 * The privacy policy pages are public and linked from every page: a version's Markdown (up to
 * 2 × 100,000 characters) is rendered once per process, not on every read by anyone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { expectStatus, register, type Person } from "../../../../test/helpers/world.js";
import type { PolicyVersion } from "../../../shared/schemas/privacy-policy.js";
import { renderPolicyMarkdown } from "./markdown.js";

vi.mock("./markdown.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./markdown.js")>();
  return { ...actual, renderPolicyMarkdown: vi.fn(actual.renderPolicyMarkdown) };
});

let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await createTestApp();
  admin = await register(t, "Ingrid Instance");
});
afterAll(async () => t?.close());

describe("privacy policy rendering", () => {
  it("renders a published version's text once, however often the public pages are read", async () => {
    const body = { significance: "minor", summary: { en: "First.", sv: "Första." }, body: { en: "# Policy\n\nYour **school** decides.", sv: "# Policy\n\nDin **skola** bestämmer." } };
    const { version } = expectStatus<{ version: PolicyVersion }>(await admin.client.post("/api/v1/privacy-policy/versions", body), 201);
    const render = vi.mocked(renderPolicyMarkdown);
    render.mockClear();
    const visitor = t.client();
    for (let i = 0; i < 3; i++) {
      expect(expectStatus<{ version: PolicyVersion }>(await visitor.get("/api/v1/privacy-policy"), 200).version.html.en).toContain("<strong>school</strong>");
      expect(expectStatus<{ version: PolicyVersion }>(await visitor.get(`/api/v1/privacy-policy/versions/${version.id}`), 200).version.html.sv).toContain("<strong>skola</strong>");
    }
    expect(render).not.toHaveBeenCalled();
  });
});
