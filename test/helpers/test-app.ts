/**
 * The test server: the real app on a fresh database, a real SMTP server on loopback, a fake
 * clock, and a client that keeps its cookie and sends a same-origin Origin header like a browser.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp, type App, type BuildOptions } from "../../src/server/app.js";
import { loadConfig } from "../../src/server/config.js";
import { SmtpMailer } from "../../src/server/mail/mailer.js";
import { createTestDb, type TestDb } from "./test-db.js";
import { startTestSmtp, type TestSmtp } from "./smtp.js";

export const TEST_ORIGIN = "http://openloop.test";

export interface FakeClock {
  (): Date;
  advance(ms: number): void;
}

export function fakeClock(start = new Date("2026-09-01T08:00:00.000Z")): FakeClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestApp {
  app: App;
  db: TestDb;
  smtp: TestSmtp;
  clock: FakeClock;
  dataDir: string;
  client(opts?: { ip?: string; userAgent?: string }): TestClient;
  close(): Promise<void>;
}

export async function createTestApp(opts: { rateLimits?: BuildOptions["rateLimits"]; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-test-"));
  const db = await createTestDb();
  const smtp = await startTestSmtp();
  const clock = fakeClock();
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: "silent", ...opts.env });
  const app = await buildApp({
    config,
    dbHandle: db.handle,
    mailer: new SmtpMailer(smtp.url, config.mailFrom),
    clock,
    rateLimits: opts.rateLimits,
    logger: false,
  });
  await app.ready();
  return {
    app,
    db,
    smtp,
    clock,
    dataDir,
    client: (o) => new TestClient(app, o),
    async close() {
      await app.close();
      await db.drop();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Body = InjectOptions["payload"];

/** A browser-like client: keeps the session cookie, sends Origin on state-changing requests. */
export class TestClient {
  cookie: string | undefined;
  /** The cookie that binds a sign-in at the provider to this client (issue 8). */
  flowCookie: string | undefined;
  constructor(
    private readonly app: App,
    private readonly opts: { ip?: string; userAgent?: string } = {},
  ) {}

  async request(method: InjectOptions["method"], url: string, payload?: Body, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      payload,
      remoteAddress: this.opts.ip ?? "127.0.0.1",
      headers: {
        ...(method !== "GET" && method !== "HEAD" ? { origin: TEST_ORIGIN } : {}),
        "user-agent": this.opts.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        ...(this.cookie || this.flowCookie ? { cookie: [this.cookie, this.flowCookie].filter(Boolean).join("; ") } : {}),
        ...headers,
      },
    });
    const set = res.cookies.find((c) => c.name.endsWith("openloop_session"));
    if (set) this.cookie = set.maxAge === 0 || set.value === "" ? undefined : `${set.name}=${set.value}`;
    const flow = res.cookies.find((c) => c.name.endsWith("openloop_oidc"));
    if (flow) this.flowCookie = flow.maxAge === 0 || flow.value === "" ? undefined : `${flow.name}=${flow.value}`;
    return res;
  }
  get = (url: string, headers?: Record<string, string>) => this.request("GET", url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request("POST", url, body, headers);
  patch = (url: string, body?: Body, headers?: Record<string, string>) => this.request("PATCH", url, body, headers);
  put = (url: string, body?: Body, headers?: Record<string, string>) => this.request("PUT", url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request("DELETE", url, undefined, headers);

  /** Registers (and so signs in) a new account; returns its user object. */
  async register(input: { name?: string; email: string; password?: string; language?: "en" | "sv" }) {
    const res = await this.post("/api/v1/auth/register", { name: "Test Person", password: DEFAULT_PASSWORD, ...input });
    if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
    return res.json().user as { id: string; email: string; name: string; isInstanceAdmin: boolean };
  }

  async signIn(email: string, password = DEFAULT_PASSWORD) {
    return this.post("/api/v1/auth/sign-in", { email, password });
  }
}

export const DEFAULT_PASSWORD = "a calm and long passphrase";

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipartFile(field: string, filename: string, contentType: string, data: Buffer) {
  const boundary = `----openloop${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
