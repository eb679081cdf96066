/**
 * Whatever a client sends to an account endpoint — wrong types, huge or odd strings, nested junk,
 * prototype-pollution keys, broken JSON — the answer is never a 5xx (design.md §5: a 5xx on user
 * input is a bug) and every refusal has the one error shape the web app knows how to show.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";

const RUNS_PER_ENDPOINT = 40;
const GENEROUS = { points: 100_000, windowSeconds: 3600 };

/** Strings that have broken servers before: NUL, lone surrogates, case-folding that changes length, SQL, HTML. */
const SPECIAL_STRINGS = [
  "",
  " ",
  "\u0000",
  "Ada\u0000Lovelace",
  "ada\u0000@example.org",
  "\ud800",
  "x\udfffy",
  "İstanbul",
  "ß".repeat(40),
  "🙂".repeat(60),
  "e\u0301".repeat(80),
  "\u202eevil",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "null",
  "__proto__",
  "a".repeat(257),
  "z".repeat(70_000),
];

const niceString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
);

/** Any JSON-able value, weighted towards the shapes validators trip on. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: niceString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(niceString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }) },
);

const DANGEROUS_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "isInstanceAdmin", "is_instance_admin", "id"];

/** A JSON object text, built by hand so keys like "__proto__" reach the server literally. */
function objectText(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
}

interface Endpoint {
  method: "POST" | "PATCH";
  url: string;
  /** Well-formed values per field: the generator mixes them with junk to get past validation sometimes. */
  fields: Record<string, fc.Arbitrary<unknown>>;
}

/** One valid value per field, for the fixed examples every run tries. */
const VALID: Record<string, () => string> = {
  name: () => "Ada Lovelace",
  email: () => `ada-${Math.random().toString(16).slice(2)}@example.org`,
  newEmail: () => `new-${Math.random().toString(16).slice(2)}@example.org`,
  password: () => "a calm and long passphrase",
  currentPassword: () => DEFAULT_PASSWORD,
  newPassword: () => "another calm long passphrase",
  token: () => "t".repeat(43),
  language: () => "en",
};

const validName = fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constantFrom("Ada\u0000Lovelace", "İlkay", "🙂 Smile", " padded "));
const validEmail = fc.oneof(fc.emailAddress(), fc.constantFrom("ADA@Example.ORG", "ada+tag@example.org", "ädä@exämple.org"));
const validPassword = fc.oneof(fc.string({ minLength: 8, maxLength: 80 }), fc.constantFrom("pass\u0000word-long", "🙂".repeat(8), "password"));
const validToken = fc.oneof(fc.string({ minLength: 16, maxLength: 200 }), fc.base64String({ minLength: 44, maxLength: 44 }));
const validLanguage = fc.constantFrom("en", "sv");

const ENDPOINTS: Endpoint[] = [
  { method: "POST", url: "/api/v1/auth/register", fields: { name: validName, email: validEmail, password: validPassword, language: validLanguage } },
  { method: "POST", url: "/api/v1/auth/sign-in", fields: { email: validEmail, password: validPassword } },
  { method: "POST", url: "/api/v1/auth/password-reset", fields: { email: validEmail } },
  { method: "POST", url: "/api/v1/auth/password-reset/confirm", fields: { token: validToken, password: validPassword } },
  { method: "POST", url: "/api/v1/auth/email/confirm", fields: { token: validToken } },
  { method: "PATCH", url: "/api/v1/me", fields: { name: validName, language: validLanguage } },
  { method: "POST", url: "/api/v1/me/password", fields: { currentPassword: validPassword, newPassword: validPassword } },
  { method: "POST", url: "/api/v1/me/email", fields: { currentPassword: validPassword, newEmail: validEmail } },
];

interface Attempt {
  contentType: string;
  body: string;
}

function attempts(endpoint: Endpoint): fc.Arbitrary<Attempt> {
  const names = Object.keys(endpoint.fields);
  // Mostly-valid objects: each field well-formed, junk, or missing — reaches the commands.
  const nearlyValid = fc
    .tuple(
      ...names.map((name) =>
        fc.oneof(
          { weight: 4, arbitrary: endpoint.fields[name]!.map((v) => [[name, v]] as Array<[string, unknown]>) },
          { weight: 1, arbitrary: anyValue.map((v) => [[name, v]] as Array<[string, unknown]>) },
          { weight: 1, arbitrary: fc.constant([] as Array<[string, unknown]>) },
        ),
      ),
      fc.array(fc.tuple(fc.constantFrom(...DANGEROUS_KEYS), anyValue), { maxLength: 2 }),
    )
    .map(([...parts]) => objectText((parts as Array<Array<[string, unknown]>>).flat()));
  // Objects of junk under known, dangerous and random keys.
  const junkObject = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names, ...DANGEROUS_KEYS), fc.string({ maxLength: 12 })), anyValue), { maxLength: 6 })
    .map(objectText);
  const nested = fc.constantFrom(...names, "__proto__", "constructor").chain((key) =>
    anyValue.map((v) => objectText([[key, { [key]: { [key]: v } }]])),
  );
  const anyJson = fc.json({ maxDepth: 4 });
  const brokenJson = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom("{", '{"email":', "[1,2", '{"a":1}}', "\u0000", "", "null", "undefined", '{"constructor":{"prototype":{"isInstanceAdmin":true}}}'),
  );
  const huge = fc.constantFrom(
    objectText(names.map((n) => [n, "é".repeat(600_000)])),
    `[${"[".repeat(5000)}${"]".repeat(5000)}]`,
  );
  const jsonBody = fc.oneof(
    { weight: 6, arbitrary: nearlyValid },
    { weight: 3, arbitrary: junkObject },
    { weight: 1, arbitrary: nested },
    { weight: 2, arbitrary: anyJson },
    { weight: 2, arbitrary: brokenJson },
    { weight: 1, arbitrary: huge },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml") },
  );
  return fc.record({ contentType, body: jsonBody });
}

let t: TestApp;
let visitor: TestClient;
let member: TestClient;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: { signInPerIp: GENEROUS, registerPerIp: GENEROUS, resetPerIp: GENEROUS } });
  visitor = t.client();
  member = t.client();
  await member.register({ email: "fuzz-member@example.org", name: "Fuzz Member" });
});
afterAll(async () => {
  await t?.close();
});

function preview(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/**
 * Examples tried on every run, whatever the random seed: an otherwise valid body with a NUL
 * character in one field (SQLite stores it; PostgreSQL's text type refuses it).
 */
function nulExamples(endpoint: Endpoint): Array<[Attempt]> {
  return Object.keys(endpoint.fields)
    .filter((field) => field !== "language")
    .map((field) => {
      const entries = Object.keys(endpoint.fields).map((f): [string, unknown] => {
        const value = VALID[f]!();
        return [f, f === field ? value.replace(/^(.)/, "$1\u0000") : value];
      });
      return [{ contentType: "application/json", body: objectText(entries) }];
    });
}

async function assertWellBehaved(client: TestClient, endpoint: Endpoint, attempt: Attempt): Promise<void> {
  const res = await client.request(endpoint.method, endpoint.url, attempt.body, { "content-type": attempt.contentType });
  const where = `${endpoint.method} ${endpoint.url} [${attempt.contentType}] ${preview(attempt.body)} → ${res.statusCode} ${preview(res.body)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 300) {
    let parsed: unknown;
    expect(() => (parsed = res.json()), where).not.toThrow();
    expect(parsed, where).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

describe.each([
  ["signed out", () => visitor],
  ["signed in", () => member],
] as const)("account endpoints fuzzed %s", (_state, client) => {
  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.url}`, e] as const))(
    "%s never answers 5xx and always refuses in the error shape",
    async (_name, endpoint) => {
      await fc.assert(
        fc.asyncProperty(attempts(endpoint), (attempt) => assertWellBehaved(client(), endpoint, attempt)),
        { numRuns: RUNS_PER_ENDPOINT, examples: nulExamples(endpoint) },
      );
    },
  );
});

describe("after the fuzzing", () => {
  it("no request polluted Object.prototype", () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).isInstanceAdmin).toBeUndefined();
  });

  it("the fuzzed member's session still works and the account did not become an administrator by input", async () => {
    const me = await member.get("/api/v1/me");
    expect(me.statusCode).toBe(200);
    // The member registered first on this instance, so it is the administrator; a visitor-made account is not.
    const other = t.client();
    const user = await other.register({ email: "fuzz-after@example.org" });
    expect(user.isInstanceAdmin).toBe(false);
  });
});
