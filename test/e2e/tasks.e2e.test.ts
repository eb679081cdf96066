/**
 * Tasks and tags, as people do it in real browsers: a teacher creates a class from a built-in
 * content package (choosing among the packages in English, with a look at the Swedish ones),
 * finds its tasks as drafts, adds one of their own, publishes one and moves it to the top with
 * the keyboard; adds, colours and archives a tag; switches anonymous loops off and saves the
 * class as a package. A student who joins on a phone sees only the published task, "not
 * started", with the button to report on it; once they report, they see it "sent" and the
 * teacher sees the progress and that the task can no longer be deleted. axe-core checks every
 * page and dialog (WCAG 2.1 A/AA), the student's at 360 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, expectAccessible, expectHeading, launchBrowser, openPage, signUp, startServer, unexpectedProblems, signUpWithSchool, type TestServer } from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The titles of the task list's items, in order. */
async function taskTitles(page: Page): Promise<string[]> {
  return page.locator(".task-list > li .item-title").allTextContents();
}

/** What `read` finds after a reload, once the section's heading is back: the order is saved, not only shown. */
async function reloaded<T>(page: Page, heading: string, read: () => Promise<T>): Promise<T> {
  await page.reload();
  await page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor();
  return read();
}

describe("tasks and tags in the browser", () => {
  it("creates a class from a package, publishes and orders its tasks, manages tags, and shows a student the published task", async () => {
    const teacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const tp = teacher.page;
    await signUpWithSchool(tp, server.url, { name: "Tove Lind", email: "tove@example.org" }, "Ekbacka School");

    // ---- The wizard: name, members (anonymous loops on by default), content, titles, check.
    await tp.getByRole("main").getByRole("link", { name: "Create a group" }).first().click();
    await expectHeading(tp, "Create a group");
    await tp.getByLabel("Name of the group").fill("Class 8C");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 2 of 5: Members" }).waitFor();
    const anonymous = tp.getByRole("switch", { name: "Allow anonymous loops" });
    expect(await anonymous.isChecked()).toBe(true);
    await expectAccessible(tp, "create group, members step");
    await tp.getByRole("button", { name: "Next" }).click();

    await tp.getByRole("heading", { name: "Step 3 of 5: Content" }).waitFor();
    // Packages in the interface language first; an empty group is the default.
    expect(await tp.getByRole("radio", { name: "An empty group" }).isChecked()).toBe(true);
    const reflection = tp.getByRole("radio", { name: "Reflection on learning" });
    await reflection.waitFor();
    expect(await tp.getByRole("radio", { name: "Reflektion över lärandet" }).count()).toBe(0);
    await expectAccessible(tp, "create group, content step (English packages)");
    // The Swedish packages are one choice away.
    await tp.getByRole("radio", { name: "Svenska" }).check();
    await tp.getByRole("radio", { name: "Entreprenöriellt lärande" }).waitFor();
    expect(await reflection.count()).toBe(0);
    await expectAccessible(tp, "create group, content step (Swedish packages)");
    await tp.getByRole("radio", { name: "English" }).check();
    await reflection.check();
    await tp.getByText("See what is in Reflection on learning").click();
    await tp.getByText("My goal for this term").waitFor();
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 4 of 5: Role titles" }).waitFor();
    expect(await tp.locator("#new-group-leader-en").inputValue()).toBe("Teacher");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 5 of 5: Check" }).waitFor();
    await tp.getByText("The tasks arrive as drafts").waitFor();
    await expectAccessible(tp, "create group, check step with a package");
    await tp.getByRole("button", { name: "Create group" }).click();

    await expectHeading(tp, "Class 8C");
    await tp.getByText("The package's tasks are in the group as drafts.").waitFor();
    const groupPath = new URL(tp.url()).pathname.replace(/\/invite$/, "");
    const joinLink = await tp.getByLabel("Join link", { exact: true }).inputValue();
    const sections = tp.getByRole("navigation", { name: "Sections of Class 8C" });

    // ---- Tasks: all drafts; add one of our own with a link in its instructions.
    await sections.getByRole("link", { name: "Tasks" }).click();
    await tp.getByRole("heading", { name: "Tasks", level: 2 }).waitFor();
    const packageTitles = await taskTitles(tp);
    expect(packageTitles.length).toBeGreaterThan(2);
    expect(packageTitles[0]).toBe("Start of term: how I learn best");
    expect(await tp.locator(".task-list").getByText("Published", { exact: true }).count()).toBe(0);
    expect(await tp.locator(".task-list").getByText("Draft", { exact: true }).count()).toBe(packageTitles.length);
    await expectAccessible(tp, "tasks, leader, all drafts");

    await tp.getByRole("button", { name: "New task" }).click();
    const dialog = tp.getByRole("dialog", { name: "New task" });
    await dialog.waitFor();
    // Nothing typed: the problem is named, and the dialog stays open.
    await dialog.getByRole("button", { name: "Save task" }).click();
    await dialog.getByRole("alert").filter({ hasText: "Fill in this field." }).waitFor();
    await expectAccessible(tp, "new task dialog with an error");
    await dialog.getByLabel("Title").fill("Museum visit");
    await dialog.getByLabel("Instructions (optional)").fill("Read https://example.org/museum before we go.\n\nThen write <b>one</b> question.");
    await dialog.getByLabel("Due date (optional)").fill("2030-05-14");
    await dialog.getByRole("button", { name: "Save task" }).click();
    await dialog.waitFor({ state: "detached" });
    await tp.getByText("“Museum visit” is saved as a draft.").waitFor();
    await expect.poll(() => taskTitles(tp)).toEqual([...packageTitles, "Museum visit"]);
    const museum = tp.locator(".task-list > li").filter({ hasText: "Museum visit" });
    await museum.getByText("Due 14 May 2030").waitFor();
    await museum.getByText("Instructions").click();
    const link = museum.getByRole("link", { name: "https://example.org/museum" });
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    // Markup in the instructions is shown as text, never interpreted.
    await museum.getByText("Then write <b>one</b> question.").waitFor();

    // Publish it, then bring it to the top with the keyboard: focus stays on the moving button.
    await tp.getByRole("button", { name: "Publish Museum visit" }).click();
    await tp.getByText("“Museum visit” is published: the members can see it.").waitFor();
    await museum.getByText("Published", { exact: true }).waitFor();
    await tp.getByRole("button", { name: "Move Museum visit up" }).focus();
    for (let i = 0; i < packageTitles.length; i++) await tp.keyboard.press("Enter");
    await tp.getByText(`“Museum visit” is now number 1 of ${packageTitles.length + 1}.`).waitFor();
    await expect.poll(() => taskTitles(tp)).toEqual(["Museum visit", ...packageTitles]);
    // At the top, "up" is switched off and focus moved to "down".
    expect(await tp.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move Museum visit down");
    await tp.keyboard.press("Enter");
    await expect.poll(() => taskTitles(tp)).toEqual([packageTitles[0], "Museum visit", ...packageTitles.slice(1)]);
    await tp.keyboard.press("Shift+Tab");
    expect(await tp.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move Museum visit up");
    await tp.keyboard.press("Enter");
    await expect.poll(() => taskTitles(tp)).toEqual(["Museum visit", ...packageTitles]);
    // The order is saved: a reload shows it.
    await expect.poll(() => reloaded(tp, "Tasks", () => taskTitles(tp))).toEqual(["Museum visit", ...packageTitles]);
    await expectAccessible(tp, "tasks, leader, one published");

    // ---- Tags: the package's, plus one of our own, coloured, then archived.
    await sections.getByRole("link", { name: "Tags" }).click();
    await tp.getByRole("heading", { name: "Tags", level: 2 }).waitFor();
    await tp.locator(".tag-list").getByText("I understood").waitFor();
    await expectAccessible(tp, "tags");
    await tp.getByLabel("Name of the tag").fill("Visited a museum");
    await tp.getByRole("button", { name: "Add tag" }).click();
    await tp.getByText("The tag “Visited a museum” is added.").waitFor();
    await tp.getByRole("button", { name: "Edit Visited a museum" }).click();
    const tagDialog = tp.getByRole("dialog", { name: "Edit tag" });
    await tagDialog.getByRole("radio", { name: "Blue" }).check();
    await expectAccessible(tp, "edit tag dialog");
    await tagDialog.getByRole("button", { name: "Save changes" }).click();
    await tagDialog.waitFor({ state: "detached" });
    const museumTag = tp.locator(".tag-list > li").filter({ hasText: "Visited a museum" });
    await museumTag.getByText("Blue").waitFor();
    await tp.getByRole("button", { name: "Archive Visited a museum" }).click();
    await tp.getByText("The tag “Visited a museum” is archived.").waitFor();
    const archived = tp.getByRole("region", { name: "Archived tags" });
    await archived.getByText("Visited a museum").waitFor();
    await archived.getByRole("button", { name: "Bring back Visited a museum" }).waitFor();
    await expectAccessible(tp, "tags with an archived one");
    // With a mouse, a tag can also be dragged by its handle; the new order is saved.
    const activeTags = tp.locator(".tag-list").first().locator("> li");
    const tagOrder = () => activeTags.locator(".tag-chip").allTextContents();
    await activeTags.filter({ hasText: "Group work" }).locator(".drag-handle").dragTo(activeTags.filter({ hasText: "I understood" }));
    await tp.getByText("“Group work” is now number 1 of 8.").waitFor();
    await expect.poll(tagOrder).toEqual(expect.arrayContaining(["Group work"]));
    expect((await tagOrder())[0]).toBe("Group work");
    await expect.poll(async () => (await reloaded(tp, "Tags", tagOrder)).slice(0, 2)).toEqual(["Group work", "I understood"]);

    // ---- Settings: anonymous loops off; the class saved as a package for colleagues.
    await sections.getByRole("link", { name: "Settings" }).click();
    const loops = tp.getByRole("region", { name: "Loops" });
    const settingsSwitch = loops.getByRole("switch", { name: "Allow anonymous loops" });
    expect(await settingsSwitch.isChecked()).toBe(true);
    // The switch's input is visually hidden: people (and this test) press its label.
    await loops.getByText("Allow anonymous loops", { exact: true }).click();
    await tp.getByText("Anonymous loops are switched off.").waitFor();
    expect(await settingsSwitch.isChecked()).toBe(false);
    await tp.getByLabel("Name of the package").fill("Class 8C reflections");
    await tp.getByRole("button", { name: "Save as package" }).click();
    await tp.getByText("“Class 8C reflections” is saved as a package of Ekbacka School.").waitFor();
    await tp.getByRole("heading", { name: "Packages of Ekbacka School" }).waitFor();
    await expectAccessible(tp, "group settings with loops and packages");

    // ---- A student joins on a phone and sees only the published task, not started.
    const student = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    const sp = student.page;
    await sp.goto(joinLink);
    await expectHeading(sp, "Create your account");
    await signUp(sp, "Sam Berg", "sam@example.org");
    await expectHeading(sp, "Class 8C");
    expect(new URL(sp.url()).pathname).toBe(groupPath);
    const sendLoop = sp.getByRole("main").getByRole("link", { name: "Send a loop" });
    await sendLoop.waitFor();
    expect(new URL(await sendLoop.evaluate((a: HTMLAnchorElement) => a.href)).pathname).toBe(`${groupPath}/send`);
    const preview = sp.getByRole("region", { name: "Send a loop" });
    await preview.getByText("Museum visit").waitFor();
    await preview.getByText("Not started").waitFor();
    await expectAccessible(sp, "group overview, student (360 px)");

    const studentSections = sp.getByRole("navigation", { name: "Sections of Class 8C" });
    expect(await studentSections.getByRole("link", { name: "Tags" }).count()).toBe(0);
    await studentSections.getByRole("link", { name: "Tasks" }).click();
    await sp.getByRole("heading", { name: "Tasks", level: 2 }).waitFor();
    expect(await taskTitles(sp)).toEqual(["Museum visit"]);
    const task = sp.locator(".task-list > li");
    await task.getByText("Not started").waitFor();
    await task.getByRole("link", { name: "https://example.org/museum" }).waitFor();
    const report = task.getByRole("link", { name: "Send a report" });
    const href = new URL(await report.evaluate((a: HTMLAnchorElement) => a.href));
    expect(href.pathname).toBe(`${groupPath}/send`);
    expect(href.searchParams.get("taskId")).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(sp, "tasks, student (360 px)");

    // In Swedish the state and the button follow.
    await sp.getByRole("button", { name: "Svenska" }).click();
    await task.getByText("Inte påbörjad").waitFor();
    await task.getByRole("link", { name: "Skicka en rapport" }).waitFor();
    await expectAccessible(sp, "tasks, student (sv, 360 px)");
    // Nothing wider than the phone, header included (Swedish words are the longest).
    expect(await sp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await sp.getByRole("link", { name: "Skicka en rapport" }).click();
    await sp.getByRole("radiogroup").waitFor();
    expect(await sp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await sp.goBack();

    // ---- The student reports on the task (through the API: the composer has its own test).
    const studentCookie = (await student.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const taskId = href.searchParams.get("taskId");
    const sent = await apiCall(server, "POST", `${groupPath}/loops`, { taskId, emoji: 4, tagIds: [], text: "I asked about the Vikings.", anonymous: false }, studentCookie);
    expect(sent.status).toBe(201);
    await sp.reload();
    await task.getByText("Skickad").waitFor();
    await task.getByRole("link", { name: "Skicka en rapport till" }).waitFor();
    // The teacher sees the progress, and that the task can now only be unpublished.
    await tp.goto(`${server.url}${groupPath}/tasks`);
    const reported = tp.locator(".task-list > li").filter({ hasText: "Museum visit" });
    await reported.getByText("1 of 1 sent, 0 approved").waitFor();
    await reported.getByText("Reports were sent on it, so it can't be deleted.").waitFor();
    expect(await tp.getByRole("button", { name: "Delete Museum visit" }).count()).toBe(0);
    await expectAccessible(tp, "tasks, leader, with a report");

    expect(unexpectedProblems(teacher.problems)).toEqual([]);
    expect(unexpectedProblems(student.problems)).toEqual([]);
    await teacher.context.close();
    await student.context.close();
  });
});
