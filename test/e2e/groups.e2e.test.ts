/**
 * Organisations, groups and joining, as people do it in real browsers: a teacher sets up a
 * school and a class and copies the class's join link; a student opens the link in another
 * browser, signs up through it and lands in the class; a co-teacher accepts an e-mailed
 * invitation by signing in through its link; the teacher sees both in the member list and the
 * join in the organisation's audit log. axe-core checks every page visited (WCAG 2.1 A/AA),
 * the student's pages at 360 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, axeViolations, launchBrowser, openPage, startServer, waitForMailedLink, type TestServer } from "./support.js";

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

async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page, label), `axe violations on ${label}`).toEqual([]);
}

async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Expected 4xx answers (GET /me for a visitor, a refused code) log "Failed to load resource"; nothing else may. */
function unexpectedProblems(problems: string[]): string[] {
  return problems.filter((problem) => !problem.includes("Failed to load resource"));
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

describe("organisations and groups in the browser", () => {
  it("sets up a school and a class, and brings a student in by link and a co-teacher by e-mail", async () => {
    // The co-teacher already has an account: they will sign in (not up) through the invitation.
    expect((await apiCall(server, "POST", "/auth/register", { name: "Cora Kollega", email: "cora@example.org", password: PASSWORD })).status).toBe(201);

    // ---- The teacher sets up the school and the class.
    const teacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    await teacher.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const tp = teacher.page;
    await tp.goto(`${server.url}/sign-up`);
    await signUp(tp, "Tove Lind", "tove@example.org");
    await expectHeading(tp, "Hello, Tove Lind");
    await tp.getByRole("heading", { name: "You're not in a group yet" }).waitFor();
    await expectAccessible(tp, "my groups, empty (1280 px)");

    await tp.getByRole("link", { name: /Set up an organisation/ }).click();
    await expectHeading(tp, "Set up an organisation");
    await expectAccessible(tp, "create organisation");
    await tp.getByLabel("Name of the organisation").fill("Ekbacka School");
    expect(await tp.getByRole("radio", { name: "School" }).isChecked()).toBe(true);
    await tp.getByRole("button", { name: "Create organisation" }).click();
    await expectHeading(tp, "Ekbacka School");
    await tp.getByText("Your organisation is ready.").waitFor();
    await expectAccessible(tp, "organisation, no groups yet");

    await tp.getByRole("main").getByRole("link", { name: "Create a group" }).first().click();
    await expectHeading(tp, "Create a group");
    await tp.getByRole("heading", { name: "Step 1 of 4: Name" }).waitFor();
    // Nothing typed: the problem is named next to the field.
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("alert").filter({ hasText: "Give the group a name." }).waitFor();
    await expectAccessible(tp, "create group, step 1 with an error");
    await tp.getByLabel("Name of the group").fill("Class 7B");
    await tp.getByLabel("Description (optional)").fill("Swedish and history, spring term.");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 2 of 4: Members" }).waitFor();
    // A school's group starts as a class of students, led by leaders who alone see the loops.
    expect(await tp.getByLabel("The members are students (minors may be among them)").isChecked()).toBe(true);
    expect(await tp.getByRole("radio", { name: "Leaders and members" }).isChecked()).toBe(true);
    await expectAccessible(tp, "create group, step 2");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 3 of 4: Role titles" }).waitFor();
    expect(await tp.locator("#new-group-leader-en").inputValue()).toBe("Teacher");
    expect(await tp.locator("#new-group-sender-sv").inputValue()).toBe("Elev");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 4 of 4: Check" }).waitFor();
    await expectAccessible(tp, "create group, review");
    await tp.getByRole("button", { name: "Create group" }).click();

    // The new group opens on its invitation page, with the join link to share.
    await expectHeading(tp, "Class 7B");
    await tp.getByText("Your group is ready.").waitFor();
    const groupPath = new URL(tp.url()).pathname.replace(/\/invite$/, "");
    expect(groupPath).toMatch(/^\/groups\/[0-9a-f-]{36}$/);
    const joinLink = await tp.getByLabel("Join link", { exact: true }).inputValue();
    expect(joinLink).toMatch(new RegExp(`^${server.url}/join/[A-HJ-NP-Z2-9]{8}$`));
    const code = joinLink.slice(joinLink.lastIndexOf("/") + 1);
    // The code is shown for reading aloud, in groups of four.
    await tp.locator(".code-box").getByText(`${code.slice(0, 4)}-${code.slice(4)}`, { exact: true }).waitFor();
    const qr = tp.getByRole("img", { name: "QR code with the join link to Class 7B (Student)" });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await tp.getByRole("button", { name: "Copy: Join link" }).click();
    await tp.getByText("Copied.").waitFor();
    expect(await tp.evaluate(() => navigator.clipboard.readText())).toBe(joinLink);
    await expectAccessible(tp, "group invite page");

    // ---- A student opens the link on a phone, signs up through it and lands in the class.
    const student = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    const sp = student.page;
    await sp.goto(joinLink);
    await expectHeading(sp, "Create your account");
    await sp.getByText("Create an account to join the group").waitFor();
    await expectAccessible(sp, "sign-up through a join link (360 px)");
    await signUp(sp, "Sam Berg", "sam@example.org");
    await expectHeading(sp, "Class 7B");
    expect(new URL(sp.url()).pathname).toBe(groupPath);
    await sp.getByText("Welcome to Class 7B! You're in as Student.").waitFor();
    await sp.getByText("Your role").waitFor();
    await sp.getByText("Student", { exact: true }).waitFor();
    await expectAccessible(sp, "group page, student (360 px)");

    // Typing the code works too, in small letters and without the dash; joining again changes nothing.
    await sp.goto(`${server.url}/join`);
    await expectHeading(sp, "Join a group");
    await sp.getByLabel("Join code").fill("zzzz-zzzz");
    await sp.getByRole("button", { name: "Join", exact: true }).click();
    await sp.getByRole("alert").filter({ hasText: "That code doesn't work." }).waitFor();
    await expectAccessible(sp, "join page with a wrong code (360 px)");
    await sp.getByLabel("Join code").fill(code.toLowerCase());
    await sp.getByRole("button", { name: "Join", exact: true }).click();
    await expectHeading(sp, "Class 7B");

    // The group switcher in the header lists the class.
    await sp.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Groups" }).click();
    const menuItem = sp.getByRole("menuitem", { name: /Class 7B/ });
    await menuItem.waitFor();
    await expectAccessible(sp, "group switcher open (360 px)");
    await sp.keyboard.press("Escape");
    await sp.goto(`${server.url}/`);
    await expectHeading(sp, "Hello, Sam Berg");
    await sp.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Groups" }).click();
    await sp.getByRole("menuitem", { name: /Class 7B/ }).click();
    await expectHeading(sp, "Class 7B");

    // ---- The teacher sees the student in the member list.
    await tp.getByRole("navigation", { name: "Sections of Class 7B" }).getByRole("link", { name: "Members" }).click();
    await tp.waitForURL(`${server.url}${groupPath}/members`);
    await tp.reload();
    const samRow = tp.getByRole("listitem").filter({ hasText: "Sam Berg" });
    await samRow.waitFor();
    expect(await samRow.textContent()).toContain("Student");
    await expectAccessible(tp, "group members, teacher");

    // ---- The teacher invites a co-teacher by e-mail.
    await tp.getByRole("navigation", { name: "Sections of Class 7B" }).getByRole("link", { name: "Invite" }).click();
    await tp.locator("#invite-email").fill("cora@example.org");
    await tp.getByRole("radio", { name: "Teacher" }).check();
    await tp.getByRole("button", { name: "Send invitation" }).click();
    await tp.getByText("Invitation sent to cora@example.org with the role Teacher.").waitFor();
    await tp.getByRole("listitem").filter({ hasText: "cora@example.org" }).waitFor();
    await expectAccessible(tp, "group invite page with a pending invitation");
    const invitationLink = await waitForMailedLink(server.dataDir, "cora@example.org", "/invitations/accept?token=");

    // ---- The co-teacher opens the link, chooses to sign in instead, and lands in the class.
    const coTeacher = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const cp = coTeacher.page;
    await cp.goto(invitationLink);
    await expectHeading(cp, "Create your account");
    await cp.getByText("Create an account to accept your invitation").waitFor();
    await cp.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await expectHeading(cp, "Sign in");
    await cp.getByText("Sign in to accept your invitation").waitFor();
    await expectAccessible(cp, "sign-in through an invitation link");
    await cp.getByLabel("E-mail address").fill("cora@example.org");
    await cp.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await cp.getByRole("button", { name: "Sign in" }).click();
    await expectHeading(cp, "Class 7B");
    await cp.getByText("Welcome to Class 7B! You're in as Teacher.").waitFor();
    await expectAccessible(cp, "group page, co-teacher");

    // ---- The teacher sees the co-teacher as a leader, and could hand the group over to her.
    await tp.getByRole("navigation", { name: "Sections of Class 7B" }).getByRole("link", { name: "Members" }).click();
    await tp.waitForURL(`${server.url}${groupPath}/members`);
    await tp.reload();
    const coraRow = tp.getByRole("listitem").filter({ hasText: "Cora Kollega" });
    await coraRow.waitFor();
    expect(await coraRow.textContent()).toContain("Teacher");
    await tp.getByRole("navigation", { name: "Sections of Class 7B" }).getByRole("link", { name: "Settings" }).click();
    await tp.getByRole("heading", { name: "Group details" }).waitFor();
    await expectAccessible(tp, "group settings");
    await tp.getByRole("button", { name: "Hand over the group Class 7B" }).click();
    const dialog = tp.getByRole("alertdialog", { name: "Hand over Class 7B" });
    await dialog.getByRole("radio", { name: "Cora Kollega" }).waitFor();
    await expectAccessible(tp, "hand-over dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // ---- The organisation's audit log shows the student's join and the accepted invitation.
    await tp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await expectHeading(tp, "Hello, Tove Lind");
    await tp.getByRole("link", { name: "Ekbacka School", exact: true }).click();
    await expectHeading(tp, "Ekbacka School");
    await tp.getByRole("link", { name: "Roles" }).click();
    await tp.getByRole("heading", { name: "Invitation code for group creators" }).waitFor();
    await expectAccessible(tp, "organisation roles");
    await tp.getByRole("link", { name: "Audit log" }).click();
    const table = tp.getByRole("table");
    const joinRow = table.getByRole("row").filter({ hasText: "Joined with a code" });
    await joinRow.first().waitFor();
    expect(await joinRow.first().textContent()).toContain("Sam Berg");
    const acceptedRow = table.getByRole("row").filter({ hasText: "Accepted an invitation" });
    expect(await acceptedRow.first().textContent()).toContain("Cora Kollega");
    await tp.getByLabel("Kind of event").selectOption({ label: "Joining and join codes" });
    await tp.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => table.getByRole("row").filter({ hasText: "Accepted an invitation" }).count()).toBe(0);
    expect(await joinRow.count()).toBeGreaterThan(0);
    await expectAccessible(tp, "organisation audit log");

    for (const [who, opened] of [["teacher", teacher], ["student", student], ["co-teacher", coTeacher]] as const) {
      expect(unexpectedProblems(opened.problems), who).toEqual([]);
      await opened.context.close();
    }
  });
});
