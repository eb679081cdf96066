/**
 * Loops and comment threads, as a class uses them: a teacher's class made from a content package
 * with a published task; a student joins on a phone and sends a report with a photo and two
 * tags; the teacher's open inbox shows it without a reload; they talk in the thread, the teacher
 * approves; the student sends an anonymous free loop and the teacher answers it without ever
 * seeing who sent it. axe-core checks every page visited (WCAG 2.1 A/AA), the phone pages at 390 px.
 *
 * The class is made in the browser too: the group wizard with a package, and the tasks page.
 */
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  expectAccessible,
  expectHeading,
  launchBrowser,
  openPage,
  startServer,
  unexpectedProblems,
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

const PASSWORD = "a long and quiet password";
const STUDENT = "Sigrid Nyström";

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * The teacher sets up the school and a class from the "Reflection on learning" package and
 * publishes its first task; returns the class's join link and the task's title.
 */
async function setUpClass(tp: Page) {
  await tp.goto(`${server.url}/sign-up`);
  await signUp(tp, "Tove Lind", "tove@example.org");
  await expectHeading(tp, "Hello, Tove Lind");
  await tp.getByRole("link", { name: /Set up an organisation/ }).click();
  await tp.getByLabel("Name of the organisation").fill("Ekbacka School");
  await tp.getByRole("button", { name: "Create organisation" }).click();
  await expectHeading(tp, "Ekbacka School");
  await tp.getByRole("main").getByRole("link", { name: "Create a group" }).first().click();
  await expectHeading(tp, "Create a group");
  await tp.getByLabel("Name of the group").fill("Class 8A");
  await tp.getByRole("button", { name: "Next" }).click();
  await tp.getByRole("heading", { name: /Members$/ }).waitFor();
  await tp.getByRole("button", { name: "Next" }).click();
  await tp.getByRole("heading", { name: /Content$/ }).waitFor();
  await tp.getByRole("radio", { name: "Reflection on learning" }).check();
  await expectAccessible(tp, "create group, package chosen");
  await tp.getByRole("button", { name: "Next" }).click();
  await tp.getByRole("heading", { name: /Role titles$/ }).waitFor();
  await tp.getByRole("button", { name: "Next" }).click();
  await tp.getByRole("heading", { name: /Check$/ }).waitFor();
  await tp.getByRole("button", { name: "Create group" }).click();
  await expectHeading(tp, "Class 8A");
  const joinUrl = await tp.getByLabel("Join link", { exact: true }).inputValue();
  const groupId = new URL(tp.url()).pathname.split("/")[2]!;

  await tp.getByRole("navigation", { name: "Sections of Class 8A" }).getByRole("link", { name: "Tasks" }).click();
  await tp.getByRole("heading", { name: "Tasks", level: 2 }).waitFor();
  // The package's first task.
  const title = "Start of term: how I learn best";
  await tp.getByRole("button", { name: `Publish ${title}` }).click();
  await tp.getByText(`“${title}” is published: the members can see it.`).waitFor();
  await expectAccessible(tp, "tasks, one published (1280 px)");
  return { groupId, task: { title }, joinUrl };
}

/** A small photo, as a phone would attach it. */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 40, g: 140, b: 120 } } })
    .jpeg()
    .toBuffer();
}

describe("loops and threads in the browser", () => {
  it("a student reports on a task, the teacher answers live and approves; an anonymous loop stays anonymous", async ({ expect }) => {
    // ---- The teacher makes a class from a package and publishes a task, then opens the inbox:
    // nothing yet, and the empty state says what to do.
    const teacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const tp = teacher.page;
    const { groupId, task, joinUrl } = await setUpClass(tp);
    await tp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
    await expectHeading(tp, "Inbox");
    await tp.getByRole("heading", { name: "No loops yet" }).waitFor();
    await tp.getByRole("link", { name: "Share the join code of Class 8A" }).waitFor();
    await expectAccessible(tp, "inbox, empty (1280 px)");
    // Marks this document: if the inbox reloaded, the mark would be gone.
    await tp.evaluate(() => ((window as unknown as { inboxMark: string }).inboxMark = "still here"));

    // ---- The student joins on a phone through the link and signs up on the way.
    const student = await openPage(browser, { locale: "en-GB", width: 390, height: 844 });
    const sp = student.page;
    await sp.goto(joinUrl);
    await expectHeading(sp, "Create your account");
    await signUp(sp, STUDENT, "sigrid@example.org");
    await expectHeading(sp, "Class 8A");

    // The published task offers "Send a report": the composer opens on that task.
    await sp.getByRole("navigation", { name: "Sections of Class 8A" }).getByRole("link", { name: "Tasks" }).click();
    await sp.getByRole("heading", { name: "Tasks", level: 2 }).waitFor();
    await sp.getByRole("link", { name: "Send a report" }).first().click();
    await expectHeading(sp, "Send a loop");
    await sp.getByText("To the teachers of Class 8A").waitFor();
    expect(await sp.getByLabel("Task").inputValue()).not.toBe("");
    await expectAccessible(sp, "composer, empty (390 px)");

    // Sending without a face names the problem next to the scale.
    await sp.getByRole("button", { name: "Send loop" }).click();
    await sp.getByRole("alert").filter({ hasText: "Choose how it went: tap one of the faces." }).waitFor();
    await expectAccessible(sp, "composer with an error (390 px)");

    expect(await sp.getByLabel("Task").locator("option:checked").textContent()).toBe(task.title);
    // The scale is one radio group: a tap chooses, the arrow keys move.
    await sp.getByRole("radio", { name: "Okay" }).click({ force: true });
    await sp.getByRole("radio", { name: "Okay" }).press("ArrowRight");
    expect(await sp.getByRole("radio", { name: "Good", exact: true }).isChecked()).toBe(true);
    await sp.getByRole("button", { name: "I understood" }).click();
    await sp.getByRole("button", { name: "I kept going" }).click();
    expect(await sp.getByRole("button", { name: "I understood" }).getAttribute("aria-pressed")).toBe("true");
    await sp.getByLabel("Your words").fill("We built a bridge of paper that held 2 kg.\n\nNext time I want to try a stronger shape.");
    await sp.getByText("85 of 10,000 characters").waitFor();
    await sp.getByLabel("Add files or pictures").setInputFiles({ name: "bridge.jpg", mimeType: "image/jpeg", buffer: await photo() });
    await sp.getByRole("button", { name: "Remove bridge.jpg" }).waitFor();
    // Reports are never anonymous: the switch is only offered for free loops.
    expect(await sp.getByRole("switch", { name: "Send anonymously" }).count()).toBe(0);
    await expectAccessible(sp, "composer, filled in (390 px)");

    // The draft survives a reload (without the file).
    await sp.reload();
    await expectHeading(sp, "Send a loop");
    await sp.getByText("We brought back the draft you started earlier.").waitFor();
    expect(await sp.getByRole("radio", { name: "Good", exact: true }).isChecked()).toBe(true);
    expect(await sp.getByLabel("Your words").inputValue()).toContain("bridge of paper");
    await sp.getByLabel("Add files or pictures").setInputFiles({ name: "bridge.jpg", mimeType: "image/jpeg", buffer: await photo() });
    await sp.getByRole("button", { name: "Send loop" }).click();
    await expectHeading(sp, "Your loop is sent");
    await sp.getByText(`Your report on ${task.title} is sent.`).waitFor();
    await expectAccessible(sp, "loop sent (390 px)");

    // ---- The teacher's open inbox shows it without a reload.
    const card = tp.getByRole("listitem").filter({ has: tp.getByRole("link", { name: new RegExp(task.title) }) });
    await card.waitFor({ timeout: 15_000 });
    expect(await tp.evaluate(() => (window as unknown as { inboxMark?: string }).inboxMark)).toBe("still here");
    const cardText = await card.textContent();
    expect(cardText).toContain(STUDENT);
    expect(cardText).toContain("I understood");
    expect(cardText).toContain("I kept going");
    expect(cardText).toContain("1 file");
    expect(cardText).toContain("Unread");
    await expectAccessible(tp, "inbox with a new loop (1280 px)");

    // Filters live in the address: "Face: Bad" finds nothing, and clearing brings the loop back.
    await tp.getByLabel("Face").selectOption({ label: "Bad" });
    await tp.getByRole("heading", { name: "No loops match these filters" }).waitFor();
    expect(tp.url()).toContain("emoji=2");
    await tp.getByRole("button", { name: "Clear filters" }).first().click();
    await card.waitFor();

    // ---- The teacher opens the loop, sees the photo and the tags, and comments.
    await card.getByRole("link", { name: new RegExp(task.title) }).click();
    await expectHeading(tp, task.title);
    await tp.getByRole("img", { name: "Feeling: Good" }).waitFor();
    const thumbnail = tp.getByRole("img", { name: /^Picture / });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await tp.getByText("Not approved yet").waitFor();
    await tp.getByLabel("Your comment").fill("Impressive! What shape would you try?");
    await tp.getByRole("button", { name: "Send comment" }).click();
    await tp.getByText("Your comment is sent.").waitFor();
    await tp.getByRole("listitem").filter({ hasText: "Impressive! What shape would you try?" }).waitFor();
    await expectAccessible(tp, "loop page with a comment (1280 px)");

    // ---- The student finds the answer in My loops and replies.
    await sp.getByRole("link", { name: "My loops" }).first().click();
    await expectHeading(sp, "My loops");
    const mine = sp.getByRole("listitem").filter({ has: sp.getByRole("link", { name: new RegExp(task.title) }) });
    await mine.getByText("1 comment").waitFor();
    await mine.getByText("Waiting for approval").waitFor();
    await expectAccessible(sp, "my loops (390 px)");
    await mine.getByRole("link", { name: new RegExp(task.title) }).click();
    await expectHeading(sp, task.title);
    await sp.getByText("Impressive! What shape would you try?").waitFor();
    await sp.getByText("Read by Tove Lind").waitFor();
    await sp.getByLabel("Your reply").fill("A triangle, I think.");
    await sp.getByRole("button", { name: "Send comment" }).click();
    await sp.getByText("Your comment is sent.").waitFor();
    await expectAccessible(sp, "loop page, the student's view (390 px)");

    // The reply appears in the teacher's open thread without a reload.
    await tp.getByText("A triangle, I think.").waitFor({ timeout: 15_000 });

    // ---- The teacher approves the report with a comment; the student sees it live.
    await tp.getByLabel("Comment (optional)").fill("Approved – well reasoned.");
    await tp.getByRole("button", { name: "Approve", exact: true }).click();
    await tp.getByText("The report is approved.").waitFor();
    await tp.getByText(/^Approved by Tove Lind/).waitFor();
    await tp.getByRole("button", { name: "Withdraw approval" }).waitFor();
    await expectAccessible(tp, "approved report (1280 px)");
    await sp.getByText(/^Approved by Tove Lind/).waitFor({ timeout: 15_000 });
    await sp.getByText("Approved – well reasoned.").waitFor();

    // ---- An anonymous free loop: the teacher answers without seeing who sent it. Home offers it.
    await sp.getByRole("link", { name: "Home", exact: true }).click();
    await expectHeading(sp, `Hello, ${STUDENT}`);
    await expectAccessible(sp, "home with what's next (390 px)");
    await sp.getByRole("link", { name: /Send a loop in Class 8A/ }).click();
    await expectHeading(sp, "Send a loop");
    expect(new URL(sp.url()).pathname).toBe(`/groups/${groupId}/send`);
    expect(await sp.getByLabel("Task").inputValue()).toBe("");
    await sp.getByRole("radio", { name: "Bad", exact: true }).click({ force: true });
    await sp.getByLabel("Your words").fill("Someone laughs at me in the break.");
    await sp.getByRole("switch", { name: "Send anonymously" }).click({ force: true });
    await sp.getByText("Your teachers won't see who sent it.", { exact: false }).waitFor();
    await expectAccessible(sp, "composer, anonymous (390 px)");
    await sp.getByRole("button", { name: "Send anonymously" }).click();
    await expectHeading(sp, "Your loop is sent");
    await sp.getByText("It was sent anonymously.", { exact: false }).waitFor();

    await tp.getByRole("link", { name: "Back to the inbox" }).click();
    await expectHeading(tp, "Inbox");
    const anonymousCard = tp.getByRole("listitem").filter({ hasText: "Someone laughs at me in the break." });
    await anonymousCard.waitFor({ timeout: 15_000 });
    expect(await anonymousCard.textContent()).toContain("Anonymous");
    expect(await tp.locator("body").textContent()).toContain(STUDENT); // the report is theirs, by name
    await anonymousCard.getByRole("link", { name: /Free loop/ }).click();
    await expectHeading(tp, "Free loop");
    await tp.getByText("From Anonymous in Class 8A").waitFor();
    await tp.getByLabel("Your comment").fill("Thank you for telling me. I will keep an eye on the breaks.");
    await tp.getByRole("button", { name: "Send comment" }).click();
    await tp.getByText("Your comment is sent.").waitFor();
    await expectAccessible(tp, "anonymous loop, the teacher's view (1280 px)");
    // Nothing on the teacher's page names the student: not the text, not an attribute.
    const html = await tp.content();
    expect(html).not.toContain(STUDENT);
    expect(html).not.toContain("sigrid@example.org");

    // The student sees the reply on their own anonymous loop.
    await sp.getByRole("link", { name: "Open the loop" }).click();
    await expectHeading(sp, "Free loop");
    await sp.getByText("Sent anonymously").first().waitFor();
    await sp.getByText("Thank you for telling me.", { exact: false }).waitFor({ timeout: 15_000 });
    await expectAccessible(sp, "anonymous loop, the student's view (390 px)");

    expect(unexpectedProblems(teacher.problems)).toEqual([]);
    expect(unexpectedProblems(student.problems)).toEqual([]);
    await teacher.context.close();
    await student.context.close();
  });
});
