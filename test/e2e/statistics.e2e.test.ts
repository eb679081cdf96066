/**
 * The dashboards of issue 6 on the demo organisation (npm run demo): a teacher opens Klass 9B's
 * statistics, finds its charts with their tables, and clicks a task × tag cell into the inbox
 * filtered to those loops; the dashboard fits a phone; the administrator reads the organisation's
 * figures and a student their own. axe-core checks every page (WCAG 2.1 A/AA).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo.js";
import { expectAccessible, launchBrowser, openPage, ROOT, startServer, unexpectedProblems, type TestServer } from "./support.js";

const run = promisify(execFile);
let server: TestServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "openloop-e2e-demo-"));
  // The demo seeds through the app's own commands; the server then opens the same data directory.
  await run(process.execPath, ["--import", "tsx", "src/server/demo.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PUBLIC_URL: "http://127.0.0.1" },
  });
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Signs a demo account in (the demo's people use Swedish). */
async function signInDemo(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: /^Hej/ }).waitFor();
}

/** Klass 9B's statistics page, reached the way a teacher does: the group, then its Statistics tab. */
async function openClassStatistics(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Klass 9B" }).first().click();
  await page.getByRole("link", { name: "Statistik" }).first().click();
  await page.getByRole("heading", { level: 2, name: "Statistik" }).waitFor();
  await page.getByRole("heading", { name: "Loopar per vecka" }).waitFor();
}

describe("statistics dashboards on the demo organisation", () => {
  it("a teacher reads Klass 9B's dashboard, opens a chart's table, and clicks a heat-map cell into the filtered inbox", async () => {
    const { page, problems, context } = await openPage(browser, { locale: "sv-SE" });
    await signInDemo(page, "karin@demoskolan.example");
    await openClassStatistics(page);
    expect(page.url()).toMatch(/\/groups\/[0-9a-f-]{36}\/statistics/);

    // Charts are drawn: several figures with an SVG each, bars carrying their values in their names.
    await page.locator("figure svg").first().waitFor();
    const figures = page.locator("figure");
    expect(await figures.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("figure svg").count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, "group statistics");

    // The table alternative of the weekly chart: same numbers, as a real table.
    await page.getByRole("button", { name: "Visa som tabell" }).first().click();
    const weekTable = page.getByRole("table", { name: "Skickade loopar per vecka" });
    await weekTable.waitFor();
    expect(await weekTable.locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, "group statistics with a table open");

    // The task × tag heat-map: every non-empty cell is a link into the inbox with its filters.
    const heatmap = page.getByRole("region", { name: "Loopar per uppgift och tagg" });
    await heatmap.waitFor();
    const cell = heatmap.locator("a.chart-heat-link").first();
    const cellName = (await cell.getAttribute("aria-label")) ?? "";
    expect(cellName).toMatch(/\d/);
    await cell.click();
    await page.waitForURL(/\/inbox\?/);
    const params = new URL(page.url()).searchParams;
    expect(params.get("groupId")).toMatch(/[0-9a-f-]{36}/);
    expect(params.get("tagId")).toMatch(/[0-9a-f-]{36}/);
    expect(params.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(params.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(params.get("taskId") ?? params.get("kind")).toBeTruthy();
    // The period shows as a removable notice, and the inbox lists the loops of that cell.
    await page.getByText(/^Loopar från .+ till .+/).first().waitFor();
    await page.locator(".loop-card").first().waitFor();
    const shown = await page.locator(".loop-card").count();
    expect(shown).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, "inbox filtered from the heat-map");

    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it("fits a 360 px phone without sideways scrolling", async () => {
    const { page, problems, context } = await openPage(browser, { locale: "sv-SE", width: 360, height: 740 });
    await signInDemo(page, "johan@demoskolan.example");
    await openClassStatistics(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, "group statistics at 360 px");
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it("the administrator reads the organisation's dashboard; a student reads their own figures", async () => {
    const admin = await openPage(browser, { locale: "sv-SE" });
    await signInDemo(admin.page, "rektor@demoskolan.example");
    await admin.page.getByRole("link", { name: "Demoskolan", exact: true }).first().click();
    await admin.page.getByRole("link", { name: "Statistik" }).first().click();
    await admin.page.getByRole("heading", { level: 2, name: "Statistik" }).waitFor();
    await admin.page.getByText("Klass 9B").first().waitFor();
    await admin.page.locator("figure svg").first().waitFor();
    await expectAccessible(admin.page, "organisation statistics");
    expect(unexpectedProblems(admin.problems)).toEqual([]);
    await admin.context.close();

    const student = await openPage(browser, { locale: "sv-SE" });
    await signInDemo(student.page, "alva.berg@demoskolan.example");
    await student.page.goto(`${server.url}/my/loops`);
    await student.page.getByRole("link", { name: "Min statistik" }).first().click();
    await student.page.getByRole("heading", { name: "Min statistik" }).first().waitFor();
    await student.page.locator("figure svg").first().waitFor();
    await expectAccessible(student.page, "my statistics");
    expect(unexpectedProblems(student.problems)).toEqual([]);
    await student.context.close();
  });
});
