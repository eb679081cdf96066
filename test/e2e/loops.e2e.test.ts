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
  apiCall,
  expectAccessible,
  expectHeading,
  launchBrowser,
  openPage,
  startServer,
  unexpectedProblems,
  type TestServer,
  PASSWORD,
  signUp,
  signIn,
  signUpWithSchool,
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

const STUDENT = "Sigrid Nyström";

/**
 * The teacher sets up the school and a class from the "Reflection on learning" package and
 * publishes its first task; returns the class's join link and the task's title.
 */
async function setUpClass(tp: Page) {
  await signUpWithSchool(tp, server.url, { name: "Tove Lind", email: "tove@example.org" }, "Ekbacka School");
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

function cookieOf(setCookie: string | null): string {
  const cookie = setCookie?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

/** A teacher's class (from the package) and one student in it, made through the API. */
async function classThroughApi(prefix: string) {
  const teacher = await apiCall(server, "POST", "/auth/register", { name: "Tilda Berg", email: `${prefix}-teacher@example.org`, password: PASSWORD });
  const cookie = cookieOf(teacher.setCookie);
  const org = await apiCall(server, "POST", "/organisations", { name: "Solgläntan", type: "school" }, cookie);
  const orgId = (org.json as { organisation: { id: string } }).organisation.id;
  const created = await apiCall(
    server,
    "POST",
    `/organisations/${orgId}/groups`,
    { name: "Klass 9B", type: "hierarchical", hasStudentMembers: true, packageId: "builtin:reflection-on-learning:sv" },
    cookie,
  );
  const groupId = (created.json as { group: { id: string } }).group.id;
  const codes = (await apiCall(server, "GET", `/groups/${groupId}/codes`, undefined, cookie)).json as { codes: Array<{ purpose: string; code: string }> };
  const code = codes.codes.find((entry) => entry.purpose === "sender")!.code;
  const student = await apiCall(server, "POST", "/auth/register", {
    name: "Nils Holm",
    email: `${prefix}-student@example.org`,
    password: PASSWORD,
    language: "sv",
  });
  const studentCookie = cookieOf(student.setCookie);
  const joined = await apiCall(server, "POST", "/join", { code }, studentCookie);
  if (joined.status !== 200) throw new Error(`join: ${joined.status}`);
  return { groupId, studentCookie, teacherEmail: `${prefix}-teacher@example.org`, studentEmail: `${prefix}-student@example.org` };
}

// The two journeys use different accounts and run side by side to keep the file fast.
describe.concurrent("loops and threads in the browser", () => {
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
    // The header counts what waits unread.
    const nav = tp.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: /^Inbox\s*, 1 unread$/ }).waitFor();
    await expectAccessible(tp, "inbox with a new loop (1280 px)");

    // Filters live in the address: "Face: Bad" finds nothing, and clearing brings the loop back.
    await tp.getByLabel("Face").selectOption({ label: "Bad" });
    await tp.getByRole("heading", { name: "No loops match these filters" }).waitFor();
    expect(tp.url()).toContain("emoji=2");
    await expectAccessible(tp, "inbox, nothing matches (1280 px)");
    await tp.getByRole("button", { name: "Clear filters" }).first().click();
    await card.waitFor();
    // The student (the group's own word for its senders) and words of the text find it.
    await tp.getByLabel("Student", { exact: true }).selectOption({ label: STUDENT });
    await tp.getByLabel("Search the text").fill("bridge");
    await tp.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => new URL(tp.url()).searchParams.get("q")).toBe("bridge");
    await card.waitFor();
    await tp.getByLabel("Search the text").fill("zebra");
    await tp.getByRole("button", { name: "Search", exact: true }).click();
    await tp.getByRole("heading", { name: "No loops match these filters" }).waitFor();
    await tp.getByRole("button", { name: "Clear filters" }).first().click();
    await card.waitFor();
    expect(await tp.getByLabel("Search the text").inputValue()).toBe("");

    // ---- The teacher opens the loop, sees the photo and the tags, and comments.
    await card.getByRole("link", { name: new RegExp(task.title) }).click();
    await expectHeading(tp, task.title);
    await tp.getByRole("img", { name: "Feeling: Good" }).waitFor();
    const thumbnail = tp.getByRole("img", { name: /^Picture / });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await tp.getByText("Not approved yet").waitFor();
    await nav.getByRole("link", { name: "Inbox", exact: true }).waitFor();
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
    // An approval can be withdrawn, and given again.
    await tp.getByRole("button", { name: "Withdraw approval" }).click();
    await tp.getByText("The approval is withdrawn.").waitFor();
    await tp.locator(".loop-detail").getByText("Not approved yet").waitFor();
    await sp.locator(".loop-detail").getByText("Not approved yet").waitFor({ timeout: 15_000 });
    await tp.getByRole("button", { name: "Approve", exact: true }).click();
    await tp.getByText(/^Approved by Tove Lind/).waitFor();

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
    await sp.getByText("They may still recognise your way of writing, or someone in a picture.", { exact: false }).waitFor();
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

  it("keeps drafts until sent, discarded or signed out, names refused files, and lets people edit, delete and reuse replies", async ({ expect }) => {
    const { groupId, studentCookie, teacherEmail, studentEmail } = await classThroughApi("second");
    const student = await openPage(browser, { locale: "sv-SE", width: 390, height: 844 });
    const sp = student.page;
    await signIn(sp, server.url, studentEmail, true);
    await sp.goto(`${server.url}/groups/${groupId}/send`);
    await expectHeading(sp, "Skicka en loop");
    // The scale in Swedish, every face named.
    for (const label of ["Mycket dåligt", "Dåligt", "Okej", "Bra", "Mycket bra"]) {
      await sp.getByRole("radio", { name: label, exact: true }).waitFor({ state: "attached" });
    }
    await sp.getByRole("radio", { name: "Okej", exact: true }).click({ force: true });
    await sp.getByLabel("Dina ord").fill("Ett utkast om veckan.");

    // Too large for the browser to send: not added, and the file is named.
    await sp.getByLabel("Lägg till filer eller bilder").setInputFiles({ name: "film.mp4", mimeType: "video/mp4", buffer: Buffer.alloc(26 * 1024 * 1024) });
    await sp.getByText("film.mp4 är större än 25 MB och lades inte till.", { exact: false }).waitFor();
    expect(await sp.getByRole("button", { name: "Ta bort film.mp4" }).count()).toBe(0);
    // A "PDF" that isn't one: the server refuses it and the page says what to do.
    await sp.getByLabel("Lägg till filer eller bilder").setInputFiles({ name: "uppsats.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
    await sp.getByRole("button", { name: "Skicka loopen" }).click();
    await sp.getByRole("alert").filter({ hasText: "En av filerna är av ett slag vi inte tar emot" }).first().waitFor();
    await expectAccessible(sp, "composer, refused file, Swedish (390 px)");
    await sp.getByRole("button", { name: "Ta bort uppsats.pdf" }).click();

    // The draft comes back after a reload, and is gone once discarded.
    await sp.reload();
    await sp.getByText("Vi tog fram utkastet du började på tidigare.").waitFor();
    expect(await sp.getByLabel("Dina ord").inputValue()).toBe("Ett utkast om veckan.");
    await sp.getByRole("button", { name: "Släng utkastet" }).click();
    await sp.getByRole("alertdialog", { name: "Slänga utkastet?" }).getByRole("button", { name: "Släng" }).click();
    await expect.poll(() => sp.getByLabel("Dina ord").inputValue()).toBe("");
    expect(await sp.getByRole("radio", { name: "Okej", exact: true }).isChecked()).toBe(false);

    // Signing out removes a draft too.
    await sp.getByLabel("Dina ord").fill("Något jag inte vill lämna kvar.");
    await expect.poll(() => sp.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("openloop.loopDraft.")).length)).toBe(1);
    await sp.getByRole("button", { name: "Logga ut" }).click();
    await expectHeading(sp, "Logga in");
    expect(await sp.evaluate(() => localStorage.length)).toBe(0);
    await signIn(sp, server.url, studentEmail, true);
    await sp.goto(`${server.url}/groups/${groupId}/send`);
    await expectHeading(sp, "Skicka en loop");
    expect(await sp.getByLabel("Dina ord").inputValue()).toBe("");

    // A free loop with a tag, then edited: the loop says so.
    await sp.getByRole("radio", { name: "Bra", exact: true }).click({ force: true });
    await sp.getByRole("button", { name: "Jag förstod" }).click();
    await sp.getByLabel("Dina ord").fill("Bråk är lättare nu.");
    await sp.getByRole("button", { name: "Skicka loopen" }).click();
    await expectHeading(sp, "Din loop är skickad");
    await sp.getByRole("link", { name: "Öppna loopen" }).click();
    await expectHeading(sp, "Fri loop");
    const loopUrl = sp.url();
    await sp.getByRole("button", { name: "Redigera" }).click();
    await sp.getByLabel("Dina ord").fill("Bråk är mycket lättare nu.");
    await sp.getByRole("button", { name: "Jag gav inte upp" }).click();
    await sp.getByRole("button", { name: "Spara ändringarna" }).click();
    await sp.getByText("Dina ändringar är sparade.").waitFor();
    await sp.getByText("Bråk är mycket lättare nu.").waitFor();
    await sp.getByText(/^Redigerad/).waitFor();
    await sp.locator(".loop-detail").getByText("Jag gav inte upp").waitFor();
    await expectAccessible(sp, "edited loop, Swedish (390 px)");

    // ---- The teacher saves a reply in the comment bank, reuses it, edits and deletes a comment.
    const teacher = await openPage(browser, { locale: "en-GB", width: 1024, height: 800 });
    const tp = teacher.page;
    await signIn(tp, server.url, teacherEmail);
    await tp.goto(loopUrl);
    await expectHeading(tp, "Free loop");
    await tp.getByText(/^Edited/).waitFor();
    const box = tp.getByLabel("Your comment");
    await box.fill("Well done – keep practising a little every day.");
    await tp.getByText("Saved replies", { exact: true }).click();
    await tp.getByText("No saved replies yet.", { exact: false }).waitFor();
    await tp.getByRole("switch", { name: "Share with the group's other leaders" }).click({ force: true });
    await tp.getByRole("button", { name: "Save this reply" }).click();
    await tp.getByText("Saved and shared with the group's leaders.").waitFor();
    await box.fill("");
    await tp.getByRole("button", { name: /^Insert: Well done/ }).click();
    expect(await box.inputValue()).toBe("Well done – keep practising a little every day.");
    await expectAccessible(tp, "comment bank (1024 px)");
    await tp.getByRole("button", { name: "Send comment" }).click();
    await tp.getByText("Your comment is sent.").waitFor();
    await box.fill("A second thought.");
    await tp.getByRole("button", { name: "Send comment" }).click();
    const second = tp.getByRole("listitem").filter({ hasText: "A second thought." });
    await second.waitFor();

    await second.getByRole("button", { name: "Edit" }).click();
    await tp.getByLabel("Edit your comment").fill("A second thought, edited.");
    await tp.getByRole("button", { name: "Save", exact: true }).click();
    await tp.getByText("A second thought, edited.").waitFor();
    await tp.getByRole("listitem").filter({ hasText: "A second thought, edited." }).getByText("edited", { exact: false }).first().waitFor();
    await tp.getByRole("listitem").filter({ hasText: "A second thought, edited." }).getByRole("button", { name: "Delete" }).click();
    await tp.getByRole("alertdialog", { name: "Delete this comment?" }).getByRole("button", { name: "Delete comment" }).click();
    await tp.getByText("This comment was deleted.").waitFor();
    await expectAccessible(tp, "thread with an edited and a deleted comment (1024 px)");

    // The student sees both, live, then deletes the loop.
    await sp.getByText("Well done – keep practising a little every day.").waitFor({ timeout: 15_000 });
    await sp.getByText("Kommentaren är raderad.").waitFor({ timeout: 15_000 });
    await sp.getByRole("button", { name: "Radera loopen" }).click();
    await sp.getByRole("alertdialog", { name: "Radera den här loopen?" }).getByRole("button", { name: "Radera loopen" }).click();
    await expectHeading(sp, "Mina loopar");
    await sp.getByText("Din loop är raderad.").waitFor();
    await sp.getByRole("heading", { name: "Du har inte skickat någon loop än" }).waitFor();
    await expectAccessible(sp, "my loops, empty after deleting, Swedish (390 px)");

    // A long timeline comes a page at a time ("Visa fler" follows the cursor).
    for (let i = 1; i <= 32; i++) {
      const sent = await apiCall(server, "POST", `/groups/${groupId}/loops`, { emoji: (i % 5) + 1, text: `Dag ${i}` }, studentCookie);
      expect(sent.status).toBe(201);
    }
    await sp.reload();
    await expectHeading(sp, "Mina loopar");
    const cards = sp.locator(".loop-list > li");
    await expect.poll(() => cards.count()).toBe(30);
    await sp.getByRole("button", { name: "Visa fler" }).click();
    await expect.poll(() => cards.count()).toBe(32);
    expect(await sp.getByRole("button", { name: "Visa fler" }).count()).toBe(0);
    await cards.last().getByText("Dag 1", { exact: true }).waitFor();

    expect(unexpectedProblems(teacher.problems)).toEqual([]);
    expect(unexpectedProblems(student.problems)).toEqual([]);
    await teacher.context.close();
    await student.context.close();
  });

  it("in a flat group every member sends and reads the others' loops", async ({ expect }) => {
    const owner = await apiCall(server, "POST", "/auth/register", { name: "Greta Ek", email: "greta@example.org", password: PASSWORD });
    const ownerCookie = cookieOf(owner.setCookie);
    const org = await apiCall(server, "POST", "/organisations", { name: "Kommunen", type: "municipality" }, ownerCookie);
    const orgId = (org.json as { organisation: { id: string } }).organisation.id;
    const created = await apiCall(
      server,
      "POST",
      `/organisations/${orgId}/groups`,
      { name: "Team North", type: "flat", hasStudentMembers: false, packageId: "builtin:workplace-onboarding:en" },
      ownerCookie,
    );
    if (created.status !== 201) throw new Error(`create flat group: ${created.status} ${JSON.stringify(created.json)}`);
    const groupId = (created.json as { group: { id: string } }).group.id;
    const codes = (await apiCall(server, "GET", `/groups/${groupId}/codes`, undefined, ownerCookie)).json as {
      codes: Array<{ purpose: string; code: string }>;
    };
    const code = codes.codes.find((entry) => entry.purpose === "sender")!.code;
    const peer = await apiCall(server, "POST", "/auth/register", { name: "Omar Lund", email: "omar@example.org", password: PASSWORD });
    expect((await apiCall(server, "POST", "/join", { code }, cookieOf(peer.setCookie))).status).toBe(200);
    // The group's owner writes first; the new member reads it in the browser.
    // Markup in any text stays text (design.md §7.12): in the loop, a comment and a tag's name.
    const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
    const tag = await apiCall(server, "POST", `/groups/${groupId}/tags`, { name: "<b onmouseover=alert(1)>bold</b>" }, ownerCookie);
    expect(tag.status).toBe(201);
    const tagId = (tag.json as { tag: { id: string } }).tag.id;
    const sent = await apiCall(server, "POST", `/groups/${groupId}/loops`, { emoji: 5, tagIds: [tagId], text: `First week done: welcome, everyone. ${XSS}` }, ownerCookie);
    expect(sent.status).toBe(201);
    const sentId = (sent.json as { loop: { id: string } }).loop.id;
    expect((await apiCall(server, "POST", `/loops/${sentId}/comments`, { text: `Say hello! ${XSS}` }, ownerCookie)).status).toBe(201);

    const page = await openPage(browser, { locale: "en-GB", width: 390, height: 844 });
    const gp = page.page;
    await signIn(gp, server.url, "omar@example.org");
    // A peer both sends and reads: both links are in the header.
    const nav = gp.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "My loops" }).waitFor();
    await nav.getByRole("link", { name: /^Inbox/ }).click();
    await expectHeading(gp, "Inbox");
    const card = gp.getByRole("listitem").filter({ hasText: "First week done" });
    await card.getByText("Greta Ek").waitFor();
    await expectAccessible(gp, "inbox of a flat group (390 px)");
    await card.getByRole("link", { name: /Free loop/ }).click();
    await expectHeading(gp, "Free loop");
    await gp.getByRole("img", { name: "Feeling: Very good" }).waitFor();
    await gp.getByLabel("Your comment").fill("Thanks, glad to be here!");
    await gp.getByRole("button", { name: "Send comment" }).click();
    await gp.getByText("Your comment is sent.").waitFor();
    await gp.getByText(`welcome, everyone. ${XSS}`).waitFor();
    await gp.getByText(`Say hello! ${XSS}`).waitFor();
    await gp.getByText("<b onmouseover=alert(1)>bold</b>").first().waitFor();
    expect(await gp.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await gp.locator("main img[src='x'], main script, main b").count()).toBe(0);
    // Members get no approval panel and no saved replies: those are for leaders.
    expect(await gp.getByRole("heading", { name: "Approval" }).count()).toBe(0);
    expect(await gp.getByText("Saved replies", { exact: true }).count()).toBe(0);
    await expectAccessible(gp, "a peer's loop in a flat group (390 px)");

    await gp.goto(`${server.url}/groups/${groupId}/send`);
    await expectHeading(gp, "Send a loop");
    await gp.getByText("To everyone in Team North").waitFor();
    await gp.getByRole("radio", { name: "Good", exact: true }).click({ force: true });
    await gp.getByRole("button", { name: "Send loop" }).click();
    await expectHeading(gp, "Your loop is sent");
    expect(unexpectedProblems(page.problems)).toEqual([]);
    await page.context.close();
  });
});
