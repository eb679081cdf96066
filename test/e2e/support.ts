/**
 * Shared set-up of the browser end-to-end tests: the built server as a child process on a free
 * port with a fresh data directory, Debian's Chromium through playwright-core, an axe-core check
 * (WCAG 2.1 A/AA) and the mail outbox the server writes when no SMTP server is configured.
 *
 * The tests run against `dist/` — run `npm run build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER_ENTRY = path.join(ROOT, "dist/server/main.js");
const WEB_ENTRY = path.join(ROOT, "dist/web/index.html");

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Variables of the developer's shell that would point the test server elsewhere. */
const INHERITED_VARIABLES_TO_DROP = [
  "DATABASE_URL",
  "TEST_DATABASE_URL",
  "SMTP_URL",
  "TLS_CERT",
  "TLS_KEY",
  "WEB_DIR",
  "NODE_ENV",
  "PUBLIC_URL",
  "TRUST_PROXY",
];

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/server/main.js` with an embedded database in a fresh temporary directory.
 * `port` is for a test that must name the address first (a sign-in provider's callback URL).
 */
export async function startServer(extraEnv: Record<string, string> = {}, options: { port?: number } = {}): Promise<TestServer> {
  for (const entry of [SERVER_ENTRY, WEB_ENTRY]) {
    if (!existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing: run \`npm run build\` first`);
  }
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "openloop-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_VARIABLES_TO_DROP) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    LOG_LEVEL: "warn",
    ...extraEnv,
  });

  let output = "";
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, dataDir, output: () => output, stop };
}

/** Debian's Chromium (no browser download is possible on the build machines). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, CSP violations and uncaught exceptions seen so far. */
  problems: string[];
}

/**
 * A fresh browser context (no cookies, no storage) and one page in it. Every console error,
 * uncaught exception and Content-Security-Policy violation is collected in `problems`.
 */
export async function openPage(
  browser: Browser,
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? "en-GB",
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  // CSP violations are reported as console errors too; this catches the ones that are not.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return { context, page, problems };
}

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules on the page as it is now; prints every violation
 * (rule, impact, help and the offending nodes) and returns them.
 */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const lines = results.violations.flatMap((violation) => [
    `[${label}] ${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\n/g, " ") ?? ""}`),
  ]);
  if (lines.length > 0) console.error(lines.join("\n"));
  return results.violations.map((violation) => `${label}: ${violation.id}`);
}

/** Every page state a test looks at must pass axe with zero WCAG 2.1 A/AA violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page, label), `axe violations on ${label}`).toEqual([]);
}

/** Waits for the page's h1. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/**
 * Expected 4xx answers (GET /me for a visitor, a refused form) make Chromium log "Failed to load
 * resource"; everything else on the console — CSP violations above all — is a failure.
 */
export function unexpectedProblems(problems: string[]): string[] {
  return problems.filter((problem) => !problem.includes("Failed to load resource"));
}

/** The messages the server wrote to `<DATA_DIR>/outbox/`, with their MIME parts decoded. */
export async function readOutbox(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, "outbox");
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((name) => name.endsWith(".eml")).sort();
  return Promise.all(files.map(async (name) => decodeMime(await readFile(path.join(dir, name), "utf8"))));
}

/**
 * Waits for a message to `to` in the outbox that contains a link to `linkPath` (e.g.
 * "/reset-password?token=") and returns the newest such link.
 */
export async function waitForMailedLink(dataDir: string, to: string, linkPath: string, timeoutMs = 10_000): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${escapeRegExp(linkPath)}[^\\s"'<>]+`);
  const recipient = new RegExp(`^To:.*${escapeRegExp(to)}`, "im");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const message of (await readOutbox(dataDir)).reverse()) {
      const match = recipient.test(message) ? pattern.exec(message) : null;
      if (match) return match[0].replace(/&amp;/g, "&");
    }
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} with a ${linkPath} link arrived in ${dataDir}/outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Decodes base64 and quoted-printable parts in place; enough to find links in our own mail. */
function decodeMime(raw: string): string {
  return raw
    .split(/\r?\n--/)
    .map((part) => {
      const split = /\r?\n\r?\n/.exec(part);
      if (!split) return part;
      const headers = part.slice(0, split.index);
      const body = part.slice(split.index + split[0].length);
      if (/content-transfer-encoding:\s*base64/i.test(headers)) {
        return `${headers}\n\n${Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")}`;
      }
      if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
        const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        return `${headers}\n\n${Buffer.from(bytes, "latin1").toString("utf8")}`;
      }
      return part;
    })
    .join("\n--");
}

/** Calls the API from the test process as a same-origin browser page would (Origin header set). */
export async function apiCall(
  server: TestServer,
  method: string,
  apiPath: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; json: unknown; setCookie: string | null }> {
  const headers: Record<string, string> = { origin: server.url };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${server.url}/api/v1${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as unknown) : null,
    setCookie: response.headers.get("set-cookie"),
  };
}

/** The password every e-2-e account uses. */
export const PASSWORD = "a long and quiet password";

/** Registers through the API (no browser) and returns the session cookie ("name=value"). */
export async function registerByApi(server: TestServer, name: string, email: string, language?: "en" | "sv"): Promise<string> {
  const res = await apiCall(server, "POST", "/auth/register", { name, email, password: PASSWORD, ...(language ? { language } : {}) });
  if (res.status !== 201 || !res.setCookie) throw new Error(`registering ${email} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.setCookie.split(";")[0]!;
}

/** Fills and sends the sign-up form already on screen (English). */
export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs in from the sign-in page, in English or Swedish, and waits for the greeting. */
export async function signIn(page: Page, serverUrl: string, email: string, swedish = false): Promise<void> {
  await page.goto(`${serverUrl}/sign-in`);
  await page.getByLabel(swedish ? "E-postadress" : "E-mail address").fill(email);
  await page.getByLabel(swedish ? "Lösenord" : "Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: swedish ? "Logga in" : "Sign in", exact: true }).click();
  await expectHeading(page, swedish ? /^Hej/ : /^Hello/);
}

/** A new teacher signs up and sets up their school, landing on its page. */
export async function signUpWithSchool(page: Page, serverUrl: string, person: { name: string; email: string }, school: string): Promise<void> {
  await page.goto(`${serverUrl}/sign-up`);
  await signUp(page, person.name, person.email);
  await expectHeading(page, `Hello, ${person.name}`);
  await page.getByRole("link", { name: /Set up an organisation/ }).click();
  await page.getByLabel("Name of the organisation").fill(school);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expectHeading(page, school);
}
