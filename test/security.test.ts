/**
 * Security properties a browser or an operator can observe (design.md §7.7, §7.8, §7.10):
 * headers on HTML pages, the session cookie over HTTP and behind a TLS-terminating proxy,
 * the CSRF defence, GETs that never change state, and logs that keep no secrets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, TEST_ORIGIN, type TestApp } from "./helpers/test-app.js";
import { testDialect } from "./helpers/test-db.js";
import { linkIn, startTestSmtp, type TestSmtp } from "./helpers/smtp.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOREIGN_ORIGIN = "https://evil.example";
const INDEX_HTML = '<!doctype html><html lang="en"><head><title>Openloop test shell</title></head><body><div id="root"></div></body></html>';

/** A stand-in for the built web app: enough for the server's static serving and SPA fallback. */
function fakeWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-web-"));
  fs.writeFileSync(path.join(dir, "index.html"), INDEX_HTML);
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets", "app-1234abcd.js"), "console.log('openloop');\n");
  return dir;
}

/** The CSP header as directive → sources. */
function cspOf(res: LightMyRequestResponse): Record<string, string[]> {
  const header = String(res.headers["content-security-policy"] ?? "");
  return Object.fromEntries(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** A request with exactly the headers given: no Origin unless the test sets one. */
function send(t: TestApp, opts: { method: InjectOptions["method"]; url: string; headers?: Record<string, string>; payload?: InjectOptions["payload"] }) {
  return t.app.inject({
    method: opts.method,
    url: opts.url,
    payload: opts.payload,
    remoteAddress: "127.0.0.1",
    headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", ...opts.headers },
  });
}

let webDir: string;
let plain: TestApp;
let proxied: TestApp;
let unbuilt: TestApp;
let emptyWebDir: string;

beforeAll(async () => {
  webDir = fakeWebDir();
  emptyWebDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-noweb-"));
  [plain, proxied, unbuilt] = await Promise.all([
    createTestApp({ env: { WEB_DIR: webDir } }),
    createTestApp({ env: { WEB_DIR: webDir, TRUST_PROXY: "true", PUBLIC_URL: "https://openloop.test" } }),
    createTestApp({ env: { WEB_DIR: emptyWebDir } }),
  ]);
});

afterAll(async () => {
  await Promise.all([plain, proxied, unbuilt].filter(Boolean).map((t) => t.close()));
  for (const dir of [webDir, emptyWebDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the web app shell and unknown routes", () => {
  it("serves the web app at / (the address people type in)", async () => {
    const res = await plain.client().get("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("Openloop test shell");
  });

  it("serves index.html for a client-side route such as /profile, so a reload or shared link works", async () => {
    const res = await plain.client().get("/profile");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX_HTML);
  });

  it("serves the fingerprinted assets with a long-lived immutable cache, so a school network fetches them once", async () => {
    const res = await plain.client().get("/assets/app-1234abcd.js");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("openloop");
    expect(res.headers["cache-control"]).toMatch(/max-age=31536000/);
    expect(res.headers["cache-control"]).toMatch(/immutable/);
  });

  it("answers an unknown API route with 404 JSON, not the web app", async () => {
    for (const url of ["/api/v1/no-such-thing", "/api/nope", "/api"]) {
      const res = await plain.client().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/json/);
      expect(res.json(), url).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
  });

  it("answers a POST to an unknown page path with 404 JSON, not the web app", async () => {
    const res = await plain.client().post("/profile", { name: "x" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("tells the operator to build the web app when it is missing (503 text)", async () => {
    const res = await unbuilt.client().get("/profile");
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/npm run build/);
  });
});

describe("headers of HTML responses", () => {
  const pages = ["/", "/profile", "/api/docs/"];

  it.each(pages)("%s carries a CSP with object-src, base-uri and frame-ancestors 'none'", async (url) => {
    const res = await plain.client().get(url);
    const csp = cspOf(res);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  });

  it.each(pages)("%s carries nosniff and a referrer policy, and no HSTS over plain HTTP", async (url) => {
    const res = await plain.client().get(url);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("the missing-web-app page carries the same CSP", async () => {
    const csp = cspOf(await unbuilt.client().get("/"));
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  });
});

describe("HTTPS behind a TLS-terminating proxy (TRUST_PROXY=true)", () => {
  const https = { "x-forwarded-proto": "https", origin: "https://openloop.test" };

  it("sends HSTS on pages and on API answers", async () => {
    for (const url of ["/", "/profile", "/healthz", "/api/v1/me"]) {
      const res = await proxied.client().get(url, { "x-forwarded-proto": "https" });
      const hsts = String(res.headers["strict-transport-security"] ?? "");
      expect(hsts, url).toMatch(/max-age=\d+/);
      expect(Number(hsts.match(/max-age=(\d+)/)?.[1]), url).toBeGreaterThanOrEqual(180 * 24 * 3600);
    }
  });

  it("sets the session cookie as __Host-openloop_session: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const client = proxied.client();
    const res = await client.post("/api/v1/auth/register", { name: "Ada", email: "ada-https@example.org", password: DEFAULT_PASSWORD }, https);
    expect(res.statusCode).toBe(201);
    const raw = [res.headers["set-cookie"]].flat().find((c) => String(c).includes("openloop_session"));
    expect(raw).toBeDefined();
    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0]!;
    expect(cookie.name).toBe("__Host-openloop_session");
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.secure).toBe(true);
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe("lax");
    expect(cookie.path).toBe("/");
    expect(cookie.domain).toBeUndefined();
    expect(String(raw)).not.toMatch(/domain=/i);

    // The browser sends it back over HTTPS and is signed in.
    const me = await client.get("/api/v1/me", { "x-forwarded-proto": "https" });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe("ada-https@example.org");
  });

  it("without TRUST_PROXY, a client cannot fake HTTPS with X-Forwarded-Proto", async () => {
    const client = plain.client();
    const res = await client.post("/api/v1/auth/register", { name: "Eve", email: "eve-spoof@example.org", password: DEFAULT_PASSWORD }, { "x-forwarded-proto": "https" });
    expect(res.statusCode).toBe(201);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(res.cookies[0]).toMatchObject({ name: "openloop_session" });
    expect(res.cookies[0]!.secure).toBeFalsy();
  });
});

describe("the session cookie over plain HTTP", () => {
  it("is openloop_session: HttpOnly, SameSite=Lax, Path=/, not Secure (a browser would drop it)", async () => {
    const res = await plain.client().post("/api/v1/auth/register", { name: "Bo", email: "bo-http@example.org", password: DEFAULT_PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0]!;
    expect(cookie.name).toBe("openloop_session");
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe("lax");
    expect(cookie.path).toBe("/");
    expect(cookie.secure).toBeFalsy();
    expect(cookie.domain).toBeUndefined();
  });
});

describe("CSRF defence", () => {
  const register = (email: string) => ({ name: "Mallory's victim", email, password: DEFAULT_PASSWORD });

  async function signedIn(email: string) {
    const client = plain.client();
    const user = await client.register({ email, name: "Original Name" });
    const sessions = await client.get("/api/v1/me/sessions");
    const sessionId = (sessions.json().sessions as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
    return { client, user, sessionId, cookie: client.cookie! };
  }

  async function nameOf(cookie: string) {
    const me = await send(plain, { method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    return me.json().user.name as string;
  }

  it("refuses a registration from a foreign Origin with 403 csrf, and creates no account", async () => {
    const res = await send(plain, { method: "POST", url: "/api/v1/auth/register", headers: { origin: FOREIGN_ORIGIN }, payload: register("csrf-foreign@example.org") });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: "csrf", message: expect.any(String) } });
    expect(res.cookies).toHaveLength(0);
    const signIn = await plain.client().signIn("csrf-foreign@example.org");
    expect(signIn.statusCode).toBe(401);
  });

  it("refuses a registration with neither Origin nor Sec-Fetch-Site, and creates no account", async () => {
    const res = await send(plain, { method: "POST", url: "/api/v1/auth/register", payload: register("csrf-none@example.org") });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
    expect((await plain.client().signIn("csrf-none@example.org")).statusCode).toBe(401);
  });

  it.each([
    ["a foreign Origin", { origin: FOREIGN_ORIGIN }],
    ["Origin: null (sandboxed frame)", { origin: "null" }],
    ["our host on another port", { origin: `${TEST_ORIGIN}:8443` }],
    ["our host over another scheme", { origin: TEST_ORIGIN.replace("http:", "https:") }],
    ["no Origin and Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["no Origin and Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["no Origin and no Sec-Fetch-Site", {}],
  ])("refuses PATCH /api/v1/me with %s, and the name stays", async (_label, headers) => {
    const { cookie } = await signedIn(`csrf-patch-${randomBytes(4).toString("hex")}@example.org`);
    const res = await send(plain, { method: "PATCH", url: "/api/v1/me", headers: { ...headers, cookie }, payload: { name: "Changed By Attacker" } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
    expect(await nameOf(cookie)).toBe("Original Name");
  });

  it("accepts PATCH /api/v1/me with no Origin but Sec-Fetch-Site: same-origin", async () => {
    const { cookie } = await signedIn("csrf-fetch-site@example.org");
    const res = await send(plain, { method: "PATCH", url: "/api/v1/me", headers: { "sec-fetch-site": "same-origin", cookie }, payload: { name: "Renamed Myself" } });
    expect(res.statusCode).toBe(200);
    expect(await nameOf(cookie)).toBe("Renamed Myself");
  });

  it("accepts a registration with no Origin but Sec-Fetch-Site: same-origin", async () => {
    const res = await send(plain, { method: "POST", url: "/api/v1/auth/register", headers: { "sec-fetch-site": "same-origin" }, payload: register("csrf-same@example.org") });
    expect(res.statusCode).toBe(201);
    expect((await plain.client().signIn("csrf-same@example.org")).statusCode).toBe(200);
  });

  it("refuses ending a session (DELETE) from a foreign Origin, and the session still works", async () => {
    const { cookie, sessionId } = await signedIn("csrf-delete@example.org");
    const res = await send(plain, { method: "DELETE", url: `/api/v1/me/sessions/${sessionId}`, headers: { origin: FOREIGN_ORIGIN, cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
    expect(await nameOf(cookie)).toBe("Original Name");
  });

  it("refuses ending a session (DELETE) without Origin or Sec-Fetch-Site", async () => {
    const { cookie, sessionId } = await signedIn("csrf-delete-none@example.org");
    const res = await send(plain, { method: "DELETE", url: `/api/v1/me/sessions/${sessionId}`, headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(await nameOf(cookie)).toBe("Original Name");
  });

  it("refuses a cross-site sign-out, so a hostile page cannot sign the user out", async () => {
    const { cookie } = await signedIn("csrf-signout@example.org");
    const res = await send(plain, { method: "POST", url: "/api/v1/auth/sign-out", headers: { origin: FOREIGN_ORIGIN, cookie } });
    expect(res.statusCode).toBe(403);
    expect(await nameOf(cookie)).toBe("Original Name");
  });

  it("ends the session when the same DELETE comes from our own Origin (the refusals above were the defence)", async () => {
    const { cookie, sessionId } = await signedIn("csrf-delete-ok@example.org");
    const res = await send(plain, { method: "DELETE", url: `/api/v1/me/sessions/${sessionId}`, headers: { origin: TEST_ORIGIN, cookie } });
    expect(res.statusCode).toBe(204);
    const me = await send(plain, { method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe("no GET changes state", () => {
  it.each(["GET", "HEAD"] as const)("%s on sign-out, revoke-others and a session's URL is 404 and the session still works", async (method) => {
    const client = plain.client();
    await client.register({ email: `get-${method.toLowerCase()}@example.org` });
    const other = plain.client();
    expect((await other.signIn(`get-${method.toLowerCase()}@example.org`)).statusCode).toBe(200);
    const sessions = (await client.get("/api/v1/me/sessions")).json().sessions as Array<{ id: string; current: boolean }>;
    expect(sessions).toHaveLength(2);
    for (const url of ["/api/v1/auth/sign-out", "/api/v1/me/sessions/revoke-others", ...sessions.map((s) => `/api/v1/me/sessions/${s.id}`)]) {
      const res = await client.request(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await other.get("/api/v1/me")).statusCode).toBe(200);
    expect((await client.get("/api/v1/me/sessions")).json().sessions).toHaveLength(2);
  });

  it("GET on the registration URL with the fields in the query creates no account", async () => {
    const q = new URLSearchParams({ name: "Query Person", email: "get-register@example.org", password: DEFAULT_PASSWORD });
    const res = await plain.client().get(`/api/v1/auth/register?${q}`);
    expect(res.statusCode).toBe(404);
    expect((await plain.client().signIn("get-register@example.org")).statusCode).toBe(401);
  });
});

/**
 * Logs, as the real server writes them: main.ts with its own logger configuration, on stdout.
 * The app's logger options are not exported from app.ts, so the process is the only faithful way.
 */
describe("the server's logs", () => {
  const password = `Correct horse ${randomBytes(6).toString("hex")}`;
  const newPassword = `Battery staple ${randomBytes(6).toString("hex")}`;
  const email = `log-person-${randomBytes(3).toString("hex")}@example.org`;
  let smtp: TestSmtp;
  let server: ChildProcess | undefined;
  let dataDir: string;
  let pgDatabase: string | undefined;
  let stdout = "";
  let lines: Array<Record<string, unknown>> = [];
  const secrets: Record<string, string> = {};
  let requestsMade = 0;

  async function adminQuery(text: string) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(text);
    } finally {
      await admin.end();
    }
  }

  async function startServer(env: Record<string, string>): Promise<string> {
    server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    server.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
      server!.stdout!.on("data", (c: Buffer) => {
        stdout += c.toString();
        const m = stdout.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server!.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-logs-"));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      WEB_DIR: webDir,
      PUBLIC_URL: TEST_ORIGIN,
      SMTP_URL: smtp.url,
    };
    if (testDialect() === "postgres") {
      // A database of its own: the server migrates it at start, as in production.
      pgDatabase = `openloop_logs_${randomBytes(6).toString("hex")}`;
      await adminQuery(`create database ${pgDatabase}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${pgDatabase}`;
      env.DATABASE_URL = url.toString();
    }
    const base = await startServer(env);

    const call = async (method: string, url: string, opts: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) => {
      requestsMade++;
      const res = await fetch(`${base}${url}`, {
        method,
        redirect: "manual",
        headers: {
          ...(method === "GET" ? {} : { origin: TEST_ORIGIN }),
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...opts.headers,
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
      await res.arrayBuffer();
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("openloop_session="));
      return { status: res.status, cookie: setCookie?.split(";")[0] };
    };

    const registered = await call("POST", "/api/v1/auth/register", { body: { name: "Log Person", email, password } });
    expect(registered.status).toBe(201);
    secrets.registrationCookie = registered.cookie!.split("=")[1]!;
    expect((await call("GET", "/api/v1/me", { cookie: registered.cookie })).status).toBe(200);

    const signedIn = await call("POST", "/api/v1/auth/sign-in", { body: { email, password } });
    expect(signedIn.status).toBe(200);
    secrets.signInCookie = signedIn.cookie!.split("=")[1]!;
    expect((await call("POST", "/api/v1/auth/sign-in", { body: { email, password: `${password}-wrong` } })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { headers: { authorization: `Bearer ${secrets.signInCookie}` } })).status).toBe(401);

    expect((await call("POST", "/api/v1/auth/password-reset", { body: { email } })).status).toBe(202);
    const mail = await smtp.waitFor((m) => (m.text ?? "").includes("/reset-password?token="));
    const link = new URL(linkIn(mail, "/reset-password"));
    secrets.resetToken = link.searchParams.get("token")!;
    expect(secrets.resetToken.length).toBeGreaterThanOrEqual(16);

    // What the browser does with the e-mailed link: open the page, then send the new password.
    expect((await call("GET", `/reset-password?token=${encodeURIComponent(secrets.resetToken)}`)).status).toBe(200);
    expect((await call("POST", "/api/v1/auth/password-reset/confirm", { body: { token: secrets.resetToken, password: newPassword } })).status).toBe(204);
    expect((await call("POST", "/api/v1/auth/password-reset/confirm", { body: { token: secrets.resetToken, password: newPassword } })).status).toBe(400);
    expect((await call("POST", "/api/v1/auth/sign-in", { body: { email, password: newPassword } })).status).toBe(200);

    server!.kill("SIGTERM");
    await new Promise<void>((resolve) => (server!.exitCode !== null ? resolve() : server!.once("exit", () => resolve())));
    server = undefined;
    lines = stdout
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }, 60_000);

  afterAll(async () => {
    if (server) server.kill("SIGTERM");
    await smtp?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgDatabase) await adminQuery(`drop database if exists ${pgDatabase} with (force)`);
  });

  it("are JSON lines that logged every request", () => {
    const incoming = lines.filter((l) => l.msg === "incoming request");
    const completed = lines.filter((l) => l.msg === "request completed");
    expect(incoming).toHaveLength(requestsMade);
    expect(completed).toHaveLength(requestsMade);
    expect(incoming.map((l) => (l.req as { url: string }).url)).toContain("/reset-password");
  });

  it("carry a reqId on every request line, linking a request's start to its end", () => {
    const requestLines = lines.filter((l) => "req" in l || "res" in l || "reqId" in l);
    expect(requestLines.length).toBeGreaterThanOrEqual(requestsMade * 2);
    for (const line of requestLines) expect(typeof line.reqId, JSON.stringify(line)).toBe("string");
    const started = new Set(lines.filter((l) => l.msg === "incoming request").map((l) => l.reqId));
    const ended = new Set(lines.filter((l) => l.msg === "request completed").map((l) => l.reqId));
    expect(started.size).toBe(requestsMade);
    expect(ended).toEqual(started);
  });

  it("hold no password, session cookie value, reset token or e-mail address", () => {
    const secretValues = {
      password,
      newPassword,
      ...secrets,
      encodedResetToken: encodeURIComponent(secrets.resetToken!),
      email,
    };
    const leaks = Object.entries(secretValues).filter(([, value]) => stdout.includes(value!)).map(([name]) => name);
    expect(leaks).toEqual([]);
    expect(stdout).not.toMatch(/openloop_session=|set-cookie|authorization/i);
  });
});
