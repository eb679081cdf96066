/**
 * The feed, information posts, surveys and check-ins, as a class uses them (issue 5): a student's
 * comment raises the teacher's unread count without a reload; the teacher posts information and
 * opens a survey; the student finds both in the feed on a phone, answers, and the teacher sees
 * the results. Notification settings, the e-mailed unsubscribe link and the check-ins page are
 * visited too. axe-core checks every page (WCAG 2.1 A/AA).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiCall,
  expectAccessible,
  expectHeading,
  launchBrowser,
  openPage,
  PASSWORD,
  signIn,
  startServer,
  unexpectedProblems,
  readOutbox,
  type TestServer,
} from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function cookieOf(setCookie: string | null): string {
  const cookie = setCookie?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

const TEACHER = { name: "Tove Lind", email: "tove@example.org" };
const STUDENT = { name: "Sigrid Nyström", email: "sigrid@example.org" };

/** A school, a class and a student in it, through the API (the browser journeys of issue 3 cover making them). */
async function classThroughApi() {
  const teacher = await apiCall(server, "POST", "/auth/register", { ...TEACHER, password: PASSWORD });
  const teacherCookie = cookieOf(teacher.setCookie);
  const org = await apiCall(server, "POST", "/organisations", { name: "Ekbacka School", type: "school" }, teacherCookie);
  const orgId = (org.json as { organisation: { id: string } }).organisation.id;
  const created = await apiCall(server, "POST", `/organisations/${orgId}/groups`, { name: "Class 8A", type: "hierarchical", hasStudentMembers: true }, teacherCookie);
  const groupId = (created.json as { group: { id: string } }).group.id;
  const codes = (await apiCall(server, "GET", `/groups/${groupId}/codes`, undefined, teacherCookie)).json as { codes: Array<{ purpose: string; code: string }> };
  const code = codes.codes.find((entry) => entry.purpose === "sender")!.code;
  const student = await apiCall(server, "POST", "/auth/register", { ...STUDENT, password: PASSWORD });
  const studentCookie = cookieOf(student.setCookie);
  const joined = await apiCall(server, "POST", "/join", { code }, studentCookie);
  if (joined.status !== 200) throw new Error(`join: ${joined.status}`);
  return { orgId, groupId, teacherCookie, studentCookie };
}

/** The footer link of an e-mail to `to` (the web page), not the List-Unsubscribe header's API address. */
async function unsubscribePageLink(to: string): Promise<string> {
  const recipient = new RegExp(`^To:.*${to.replace(/[.]/g, "\\.")}`, "im");
  for (let tries = 0; tries < 100; tries++) {
    for (const message of await readOutbox(server.dataDir)) {
      const links = recipient.test(message) ? (message.match(/https?:\/\/[^\s"'<>]+\/unsubscribe\?token=[^\s"'<>]+/g) ?? []) : [];
      const page = links.find((l) => !l.includes("/api/"));
      if (page) return page.replace(/&amp;/g, "&");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No e-mail to ${to} with an unsubscribe link`);
}

/** The header's bell: its accessible name carries the unread count. */
const bell = (page: Page, unread: number) =>
  page.getByRole("link", { name: unread === 0 ? "Notifications" : `Notifications, ${unread} unread`, exact: true });

describe("feed, information posts and surveys in the browser", () => {
  it("a comment reaches the teacher live; a post and a survey reach the student; the answer reaches the results", async () => {
    const { groupId, studentCookie } = await classThroughApi();

    // ---- The student sends a loop; the teacher signs in and sees one unread notification.
    const sent = await apiCall(server, "POST", `/groups/${groupId}/loops`, { emoji: 2, text: "The fractions test felt hard." }, studentCookie);
    expect(sent.status).toBe(201);
    const loopId = (sent.json as { loop: { id: string } }).loop.id;

    const teacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const tp = teacher.page;
    await signIn(tp, server.url, TEACHER.email);
    await bell(tp, 1).waitFor();
    await bell(tp, 1).click();
    await expectHeading(tp, "Notifications");
    const loopItem = tp.getByRole("link", { name: /Sigrid Nyström sent a loop in Class 8A/ });
    await loopItem.waitFor();
    await expectAccessible(tp, "feed, one unread (1280 px)");

    // Opening the item leads to the loop and marks it read; the teacher answers in the thread.
    await loopItem.click();
    await tp.getByText("The fractions test felt hard.").waitFor();
    await bell(tp, 0).waitFor();
    await tp.getByLabel("Your comment").fill("Let us look at it together on Monday.");
    await tp.getByRole("button", { name: "Send comment" }).click();
    await tp.getByRole("listitem").filter({ hasText: "Let us look at it together on Monday." }).waitFor();
    // Marks this document: if the page reloaded, the mark would be gone.
    await tp.evaluate(() => ((window as unknown as { feedMark: string }).feedMark = "still here"));

    // ---- The student answers in the thread (from a phone, here through the API): the teacher's
    // bell rises without a reload.
    const reply = await apiCall(server, "POST", `/loops/${loopId}/comments`, { text: "Thank you, Monday works." }, studentCookie);
    expect(reply.status).toBe(201);
    await bell(tp, 1).waitFor();
    expect(await tp.evaluate(() => (window as unknown as { feedMark?: string }).feedMark)).toBe("still here");

    // ---- The teacher posts information on the group's Home.
    await tp.goto(`${server.url}/groups/${groupId}`);
    await expectHeading(tp, "Class 8A");
    await tp.getByRole("heading", { name: "News" }).waitFor();
    await tp.getByRole("button", { name: "New post" }).click();
    const postDialog = tp.getByRole("dialog", { name: "New post" });
    await postDialog.getByLabel("Title").fill("Trip to the museum on Friday");
    await postDialog.getByLabel("Text").fill("We meet at 8:30 by the school gate.\n\nBring a packed lunch. Details: https://example.org/museum");
    await expectAccessible(tp, "new post dialog");
    await postDialog.getByRole("button", { name: "Publish" }).click();
    await tp.getByRole("heading", { name: "Trip to the museum on Friday" }).waitFor();
    await tp.getByText("Seen by 0 of 1").waitFor();
    await expectAccessible(tp, "group home with a post");

    // ---- The teacher makes a survey and opens it.
    await tp.getByRole("navigation", { name: "Sections of Class 8A" }).getByRole("link", { name: "Surveys" }).click();
    await tp.getByRole("heading", { name: "No surveys yet" }).waitFor();
    await expectAccessible(tp, "surveys, empty");
    await tp.getByRole("link", { name: "New survey" }).click();
    await tp.getByRole("heading", { name: "New survey" }).waitFor();
    await tp.getByLabel("Title", { exact: true }).fill("How was the museum?");
    await tp.getByLabel("Question", { exact: true }).fill("Which room did you like most?");
    await tp.getByLabel("Choice 1", { exact: true }).fill("Vikings");
    await tp.getByLabel("Choice 2", { exact: true }).fill("Space");
    await tp.getByLabel("Must be answered").check();
    await expectAccessible(tp, "survey builder");
    await tp.getByRole("button", { name: "Save survey" }).click();
    await tp.getByText("The survey is saved as a draft.", { exact: false }).waitFor();
    await tp.getByRole("button", { name: "Open now" }).click();
    await tp.getByText("“How was the museum?” is open. Members have been told.").waitFor();
    await expectAccessible(tp, "survey, open (leader)");
    expect(unexpectedProblems(teacher.problems)).toEqual([]);

    // ---- The student signs in on a phone: the post and the survey wait in the feed.
    const student = await openPage(browser, { locale: "en-GB", width: 360, height: 780 });
    const sp = student.page;
    await signIn(sp, server.url, STUDENT.email);
    // The teacher's comment, the post and the survey.
    await bell(sp, 3).click();
    await expectHeading(sp, "Notifications");
    await sp.getByRole("link", { name: /Tove Lind posted information in Class 8A/ }).waitFor();
    await expectAccessible(sp, "feed, three unread (360 px)");
    expect(await sp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await sp.getByRole("link", { name: /Tove Lind posted information in Class 8A/ }).click();
    await sp.getByRole("heading", { name: "Trip to the museum on Friday" }).waitFor();
    await sp.getByRole("link", { name: "https://example.org/museum" }).waitFor();
    await expectAccessible(sp, "post page (360 px)");

    await sp.goto(`${server.url}/feed`);
    await sp.getByRole("link", { name: /Tove Lind opened a survey in Class 8A/ }).click();
    await sp.getByRole("heading", { name: "How was the museum?" }).waitFor();
    await sp.getByText("This survey is not anonymous.", { exact: false }).waitFor();
    await sp.getByRole("radio", { name: "Space" }).check();
    await expectAccessible(sp, "survey answer form (360 px)");
    await sp.getByRole("button", { name: "Send answers" }).click();
    await sp.getByText("You can change your answers until the survey closes.", { exact: false }).waitFor();
    expect(await sp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // ---- The teacher sees the answer in the results, with a table beside the chart.
    await tp.reload();
    await tp.getByRole("heading", { name: "How was the museum?" }).waitFor();
    const table = tp.getByRole("table", { name: /Answers to “Which room did you like most\?/ });
    await table.waitFor();
    await expect.poll(async () => (await table.textContent()) ?? "").toContain("1");
    await expectAccessible(tp, "survey results (leader)");

    // ---- Notification settings: e-mails about comments off.
    await sp.goto(`${server.url}/profile/notifications`);
    await expectHeading(sp, "Notification settings");
    await expectAccessible(sp, "notification settings (360 px)");
    expect(unexpectedProblems(student.problems)).toEqual([]);

    await teacher.context.close();
    await student.context.close();
  });

  it("the unsubscribe link in an e-mail turns off that kind without signing in; the check-ins page schedules a weekly loop", async () => {
    // The teacher's comment e-mailed the student at once (comments are immediate by default).
    const link = await unsubscribePageLink(STUDENT.email);
    const visitor = await openPage(browser, { locale: "sv-SE", width: 360, height: 780 });
    const vp = visitor.page;
    await vp.goto(link);
    await vp.getByRole("button", { name: /Stäng av/ }).waitFor();
    await expectAccessible(vp, "unsubscribe (sv, 360 px)");
    await vp.getByRole("button", { name: /Stäng av/ }).click();
    await vp.getByRole("status").or(vp.getByRole("alert")).first().waitFor();
    await expectAccessible(vp, "unsubscribed (sv, 360 px)");
    expect(unexpectedProblems(visitor.problems)).toEqual([]);
    await visitor.context.close();

    // The teacher sets a weekly check-in.
    const teacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const tp = teacher.page;
    await signIn(tp, server.url, TEACHER.email);
    await tp.getByRole("link", { name: "Class 8A" }).first().click();
    await expectHeading(tp, "Class 8A");
    await tp.getByRole("navigation", { name: "Sections of Class 8A" }).getByRole("link", { name: "Check-ins" }).click();
    await tp.getByRole("heading", { name: "Check-ins", level: 2 }).waitFor();
    await tp.getByRole("heading", { name: "No check-ins yet" }).waitFor();
    await expectAccessible(tp, "check-ins, none yet");
    await tp.getByRole("button", { name: "New check-in" }).click();
    const dialog = tp.getByRole("dialog", { name: "New check-in" });
    await dialog.getByLabel("Question").fill("How did this week go?");
    await dialog.getByLabel("Day").selectOption({ label: "Friday" });
    await dialog.getByLabel("Time").fill("14:00");
    await expectAccessible(tp, "new check-in dialog");
    await dialog.getByRole("button", { name: "Set up check-in" }).click();
    await tp.getByText("Every Friday at 14:00, Central European Time").waitFor();
    await tp.getByText(/Not asked yet\. The first time is/).waitFor();
    await expectAccessible(tp, "check-ins, one weekly");

    // A check-in's link opens the inbox on its answers only (here one that no longer exists: a 404 names no question), and "Show all" lifts it.
    await tp.goto(`${server.url}/inbox?checkinOccurrenceId=00000000-0000-4000-8000-000000000000`);
    await tp.getByText("Answers to a check-in").waitFor();
    await tp.getByRole("heading", { name: "No loops match these filters" }).waitFor();
    await expectAccessible(tp, "inbox, one check-in's answers");
    await tp.getByRole("button", { name: "Show all loops, not only these answers" }).click();
    await expect.poll(() => tp.getByText("Answers to a check-in").count()).toBe(0);
    expect(new URL(tp.url()).searchParams.has("checkinOccurrenceId")).toBe(false);
    expect(unexpectedProblems(teacher.problems)).toEqual([]);
    await teacher.context.close();
  });
});
