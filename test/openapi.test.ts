/**
 * The OpenAPI document is what integrators build against: it must list every API route the
 * server really has (with its method), list none it does not have, and the docs page must load.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./helpers/test-app.js";

/** Every route the app registers, caught as Fastify registers it (hoisted with the mock below). */
const registered = vi.hoisted(() => [] as Array<{ method: string; url: string }>);

vi.mock("fastify", async (importOriginal) => {
  const mod = await importOriginal<typeof import("fastify")>();
  const create = mod.default as unknown as (...args: unknown[]) => import("fastify").FastifyInstance;
  const withRouteLog = (...args: unknown[]) => {
    const app = create(...args);
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) registered.push({ method: String(method).toUpperCase(), url: route.url });
    });
    return app;
  };
  return { ...mod, default: withRouteLog, fastify: withRouteLog };
});

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { security?: unknown[]; responses?: Record<string, unknown> }>>;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "options", "head"];
/** Routes the document must cover: the versioned API and the health probes. */
const isPublicApi = (url: string) => url.startsWith("/api/v1/") || url === "/healthz" || url === "/readyz";
/** Fastify's `/users/:id` is OpenAPI's `/users/{id}`. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/** A documented path with its parameters filled in (ids are UUIDs). */
const concreteUrl = (path: string) => path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");

let t: TestApp;
let visitor: TestClient;
let doc: OpenApiDoc;

function documentedOperations(): Array<{ method: string; path: string; secured: boolean }> {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, secured: (op.security ?? []).length > 0 })),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  visitor = t.client();
  const res = await visitor.get("/api/openapi.json");
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3 document of the Openloop API", () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toMatch(/Openloop/);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it("documents every registered API route and health probe with its method", () => {
    const routes = registered.filter((r) => isPublicApi(r.url) && r.method !== "HEAD");
    // The route log itself must work, or this test would pass on an empty list.
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(["POST /api/v1/auth/register", "GET /api/v1/me", "GET /healthz", "GET /readyz"]),
    );
    const documented = new Set(documentedOperations().map((o) => `${o.method} ${o.path}`));
    const missing = routes.map((r) => `${r.method} ${toOpenApiPath(r.url)}`).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it("documents no operation the server does not have", () => {
    const routes = new Set(registered.map((r) => `${r.method} ${toOpenApiPath(r.url)}`));
    const phantom = documentedOperations()
      .map((o) => `${o.method} ${o.path}`)
      .filter((o) => !routes.has(o));
    expect(phantom).toEqual([]);
  });

  it("every documented operation is served: no route-not-found 404 and no 5xx", async () => {
    const answers: Record<string, number> = {};
    for (const op of documentedOperations()) {
      const res = await visitor.request(op.method as "GET", concreteUrl(op.path), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      answers[`${op.method} ${op.path}`] = res.statusCode;
      if (res.statusCode >= 400) expect(res.json(), `${op.method} ${op.path}`).toMatchObject({ error: { code: expect.any(String) } });
    }
    const served = (s: number) => s !== 404 && s < 500;
    // A public operation documented to answer 404 may: a missing id (a privacy policy version), nothing pending, no
    // sign-in provider configured (issue 8). That its route exists is checked above.
    const publicById = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([method, op]) => HTTP_METHODS.includes(method) && (op.security ?? []).length === 0 && op.responses?.["404"])
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, publicById.has(k) ? expect.toSatisfy((s: number) => s < 500) : expect.toSatisfy(served)])));
  });

  it("every operation documented as needing a session answers a visitor 401, whatever the body", async () => {
    const secured = documentedOperations().filter((op) => op.secured);
    expect(secured.length).toBeGreaterThan(5);
    const answers: Record<string, string> = {};
    for (const op of secured) {
      const res = await visitor.request(op.method as "GET", concreteUrl(op.path), op.method === "GET" || op.method === "DELETE" ? undefined : {});
      answers[`${op.method} ${op.path}`] = `${res.statusCode} ${res.json().error?.code}`;
    }
    // Design §4: auth comes before validation — a signed-out user is told to sign in, not to fix fields.
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, "401 unauthenticated"])));
  });

  it("every public (session-free) operation is reachable by a visitor", async () => {
    const open = documentedOperations().filter((op) => !op.secured);
    expect(open.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(["POST /api/v1/auth/register", "POST /api/v1/auth/sign-in", "GET /healthz", "GET /readyz"]),
    );
    for (const op of open) {
      const res = await visitor.request(op.method as "GET", concreteUrl(op.path), op.method === "GET" ? undefined : {});
      expect(res.statusCode, `${op.method} ${op.path}`).not.toBe(401);
    }
  });
});

describe("GET /api/docs/", () => {
  it("serves the human-readable API documentation page", async () => {
    const res = await visitor.get("/api/docs/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });
});
