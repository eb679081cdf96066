/**
 * Organisations, groups and joining, as people do it in real browsers: a teacher sets up a
 * school and a class and copies the class's join link; a student opens the link in another
 * browser, signs up through it and lands in the class; a co-teacher accepts an e-mailed
 * invitation by signing in through its link; the teacher sees both in the member list and the
 * join in the organisation's audit log. A second journey covers what an administrator and an
 * owner manage: leader codes and last days, confirming a join or an invitation when already
 * signed in, roles, removing, leaving, closing and reopening a group, organisation settings,
 * roles (the last administrator stays) and the audit log in Swedish. axe-core checks every page
 * visited (WCAG 2.1 A/AA), the phone pages at 360 px.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  apiCall,
  expectAccessible,
  expectHeading,
  launchBrowser,
  openPage,
  startServer,
  unexpectedProblems,
  waitForMailedLink,
  type TestServer,
  PASSWORD,
  signUp,
  signIn,
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

// The two journeys use different accounts and organisations and run side by side to keep the file fast.
describe.concurrent("organisations and groups in the browser", () => {
  it("sets up a school and a class, and brings a student in by link and a co-teacher by e-mail", async ({ expect }) => {
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
    await tp.getByRole("heading", { name: "Step 1 of 5: Name" }).waitFor();
    // Nothing typed: the problem is named next to the field.
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("alert").filter({ hasText: "Give the group a name." }).waitFor();
    await expectAccessible(tp, "create group, step 1 with an error");
    await tp.getByLabel("Name of the group").fill("Class 7B");
    await tp.getByLabel("Description (optional)").fill("Swedish and history, spring term.");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 2 of 5: Members" }).waitFor();
    // A school's group starts as a class of students, led by leaders who alone see the loops.
    expect(await tp.getByLabel("The members are students (minors may be among them)").isChecked()).toBe(true);
    expect(await tp.getByRole("radio", { name: "Leaders and members" }).isChecked()).toBe(true);
    await tp.getByRole("button", { name: "Next" }).click();
    // An empty group is the default start; content packages have their own test (tasks.e2e.test.ts).
    await tp.getByRole("heading", { name: "Step 3 of 5: Content" }).waitFor();
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 4 of 5: Role titles" }).waitFor();
    expect(await tp.locator("#new-group-leader-en").inputValue()).toBe("Teacher");
    expect(await tp.locator("#new-group-sender-sv").inputValue()).toBe("Elev");
    await tp.getByRole("button", { name: "Next" }).click();
    await tp.getByRole("heading", { name: "Step 5 of 5: Check" }).waitFor();
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

    // In Swedish the group's own Swedish role title is used.
    await sp.getByRole("button", { name: "Svenska" }).click();
    await sp.getByText("Din roll").waitFor();
    await sp.getByText("Elev", { exact: true }).waitFor();
    await expectAccessible(sp, "group page, student (sv, 360 px)");

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

    // ---- The teacher switches the code off and on again, then replaces it.
    await tp.getByRole("navigation", { name: "Sections of Class 7B" }).getByRole("link", { name: "Invite" }).click();
    const senderCode = tp.getByRole("region", { name: "Join code: Student" });
    const codeSwitch = senderCode.getByRole("switch", { name: "Code is on" });
    // The switch's input is visually hidden: people (and this test) press its label.
    await senderCode.getByText("Code is on", { exact: true }).click();
    await senderCode.getByText("The code is switched off.").waitFor();
    expect(await codeSwitch.isChecked()).toBe(false);
    await senderCode.getByText("Off", { exact: true }).waitFor();
    await senderCode.getByText("Code is on", { exact: true }).click();
    await senderCode.getByText("The code works again.").waitFor();
    expect(await codeSwitch.isChecked()).toBe(true);
    await senderCode.getByRole("button", { name: "Get a new code: Join code: Student" }).click();
    const rotate = tp.getByRole("alertdialog", { name: "Replace the code?" });
    await rotate.getByRole("button", { name: "Replace code" }).click();
    await senderCode.getByText("Here is the new code.").waitFor();
    expect(await tp.getByLabel("Join link", { exact: true }).inputValue()).not.toBe(joinLink);

    // ---- The teacher sees the co-teacher as a leader, and hands the group over to her.
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
    await dialog.getByRole("radio", { name: "Cora Kollega" }).check();
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await tp.getByText("Cora Kollega now owns Class 7B.").waitFor();

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

  it("manages roles, codes, members and a group's life cycle, and joins by confirming when signed in", async ({ expect }) => {
    for (const [name, email] of [["Alva Rask", "alva@example.org"], ["Max Holm", "max@example.org"], ["Pia Ek", "pia@example.org"]]) {
      expect((await apiCall(server, "POST", "/auth/register", { name, email, password: PASSWORD })).status).toBe(201);
    }
    // ---- An administrator on a phone sets up an organisation and a staff group.
    const admin = await openPage(browser, { width: 360, height: 800 });
    const ap = admin.page;
    await signIn(ap, server.url, "alva@example.org");
    await ap.goto(`${server.url}/organisations/new`);
    await ap.getByLabel("Name of the organisation").fill("Norrskolan");
    await ap.getByRole("button", { name: "Create organisation" }).click();
    await expectHeading(ap, "Norrskolan");
    await expectAccessible(ap, "organisation (360 px)");
    await ap.getByRole("main").getByRole("link", { name: "Create a group" }).first().click();
    await ap.getByLabel("Name of the group").fill("9A");
    await ap.getByRole("button", { name: "Next" }).click();
    await ap.getByLabel("The members are students (minors may be among them)").uncheck();
    await ap.getByRole("button", { name: "Next" }).click();
    await ap.getByRole("heading", { name: "Step 3 of 5: Content" }).waitFor();
    await ap.getByRole("button", { name: "Next" }).click();
    expect(await ap.locator("#new-group-leader-en").inputValue()).toBe("Leader");
    await ap.locator("#new-group-leader-sv").fill("");
    await ap.getByRole("button", { name: "Next" }).click();
    await ap.getByRole("alert").filter({ hasText: "Enter what leaders are called in Swedish." }).waitFor();
    await ap.locator("#new-group-leader-sv").fill("Ledare");
    await ap.getByRole("button", { name: "Next" }).click();
    await ap.getByRole("button", { name: "Create group" }).click();
    await expectHeading(ap, "9A");
    await expectAccessible(ap, "group invite page (360 px)");
    const joinLink = await ap.getByLabel("Join link", { exact: true }).inputValue();
    await ap.getByRole("button", { name: "Create a leader code" }).click();
    await ap.getByRole("region", { name: "Join code: Leader" }).waitFor();
    await ap.locator("#code-sender-last-day").fill("2099-12-31");
    await ap.getByRole("region", { name: "Join code: Co-worker" }).getByRole("button", { name: "Save last day" }).click();
    await ap.getByText("The code works until").first().waitFor();

    // ---- A signed-in member opens the join link: the code is filled in and joining waits for them.
    const member = await openPage(browser, { width: 360, height: 800 });
    const mp = member.page;
    await signIn(mp, server.url, "max@example.org");
    await mp.goto(joinLink);
    await expectHeading(mp, "Join a group");
    await expectAccessible(mp, "join page from a link, signed in (360 px)");
    await mp.getByRole("button", { name: "Join", exact: true }).click();
    await expectHeading(mp, "9A");
    await mp.getByText("You're in as Co-worker").waitFor();

    // ---- An external tutor, already signed in, accepts an e-mailed invitation by confirming.
    await ap.getByLabel("E-mail address").fill("pia@example.org");
    await ap.getByRole("radio", { name: "Tutor" }).check();
    await ap.getByRole("button", { name: "Send invitation" }).click();
    await ap.getByText("Invitation sent to pia@example.org").waitFor();
    const link = await waitForMailedLink(server.dataDir, "pia@example.org", "/invitations/accept?token=");
    const tutor = await openPage(browser, { width: 1280, height: 800 });
    const tp = tutor.page;
    await signIn(tp, server.url, "pia@example.org");
    await tp.goto(link);
    await expectHeading(tp, "Accept the invitation");
    await expectAccessible(tp, "accept invitation, signed in");
    await tp.getByRole("button", { name: "Accept" }).click();
    await expectHeading(tp, "9A");
    await tp.getByText("You're in as Tutor").waitFor();

    // ---- The owner changes a role, removes the tutor and edits the group; the owner can't leave.
    await ap.setViewportSize({ width: 1280, height: 800 });
    await ap.getByRole("link", { name: "Members" }).click();
    await ap.getByLabel("Role of Max Holm", { exact: true }).selectOption({ label: "Leader" });
    await ap.getByRole("button", { name: "Change role of Max Holm" }).click();
    await ap.getByText("Max Holm now has the role Leader.").waitFor();
    await ap.getByRole("button", { name: "Remove Pia Ek from the group" }).click();
    await ap.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await ap.getByText("Pia Ek is removed from the group.").waitFor();

    await ap.getByRole("link", { name: "Settings" }).click();
    await ap.getByLabel("Description (optional)").fill("Year 9");
    await ap.getByRole("button", { name: "Save changes" }).click();
    await ap.getByText("Your changes are saved.").waitFor();
    await ap.getByRole("link", { name: "Overview" }).click();
    await ap.getByText("You own this group, so you can't leave it yet.").waitFor();
    await expectAccessible(ap, "group overview, owner");

    // ---- The member leaves the group.
    await mp.reload();
    await mp.getByRole("button", { name: "Leave the group" }).click();
    await mp.getByRole("alertdialog").getByRole("button", { name: "Leave" }).click();
    await mp.getByText("You have left 9A.").waitFor();
    await expectAccessible(mp, "my groups after leaving (360 px)");

    // ---- Organisation pages: close and reopen the group, members, settings, roles, audit log.
    await ap.goto(`${server.url}/`);
    await ap.getByRole("link", { name: "Norrskolan", exact: true }).click();
    await expectHeading(ap, "Norrskolan");
    await ap.getByRole("button", { name: "Close the group 9A" }).click();
    await ap.getByRole("alertdialog").getByRole("button", { name: "Close group" }).click();
    await ap.getByText("9A is closed.").waitFor();
    await expectAccessible(ap, "organisation groups with a closed group");
    await ap.getByRole("button", { name: "Reopen the group: 9A" }).click();
    await ap.getByText("9A is open again.").waitFor();
    await ap.getByRole("link", { name: "Members" }).click();
    await ap.getByText("Not in any group.").first().waitFor();
    await expectAccessible(ap, "organisation members");
    await ap.getByRole("link", { name: "Settings" }).click();
    await ap.getByRole("radio", { name: "Municipality" }).check();
    await ap.getByRole("button", { name: "Save changes" }).click();
    await ap.getByText("Your changes are saved.").waitFor();
    await expectAccessible(ap, "organisation settings");
    await ap.getByRole("link", { name: "Roles" }).click();
    await ap.locator("#admins-email").fill("nobody@example.org");
    await ap.getByRole("button", { name: "Make administrator" }).click();
    await ap.getByRole("alert").filter({ hasText: "No one uses this address" }).first().waitFor();
    await expectAccessible(ap, "organisation roles, unknown address");
    // An unknown address gets an invitation; a known one becomes group creator at once.
    await ap.locator("#creators-email").fill("new@example.org");
    await ap.getByRole("button", { name: "Add group creator" }).click();
    await ap.getByText("new@example.org has no account yet").waitFor();
    await ap.getByRole("button", { name: "Withdraw the invitation to new@example.org" }).waitFor();
    await ap.locator("#creators-email").fill("max@example.org");
    await ap.getByRole("button", { name: "Add group creator" }).click();
    await ap.getByText("max@example.org can now create groups.").waitFor();
    await ap.getByRole("button", { name: "Withdraw the invitation to new@example.org" }).click();
    await ap.getByText("The invitation to new@example.org is withdrawn").waitFor();
    // The only administrator can't remove herself: the refusal says what to do.
    await ap.getByRole("button", { name: "Remove Alva Rask as administrator" }).click();
    await ap.getByRole("alertdialog").getByRole("button", { name: "Remove administrator" }).click();
    await ap.getByText("An organisation needs at least one administrator.").waitFor();
    await ap.getByRole("button", { name: "Svenska" }).click();
    await ap.getByRole("link", { name: "Händelselogg" }).click();
    await ap.getByRole("table").waitFor();
    await expectAccessible(ap, "audit log (sv)");
    await ap.setViewportSize({ width: 360, height: 800 });
    await expectAccessible(ap, "audit log (sv, 360 px)");
    for (const opened of [admin, member, tutor]) {
      expect(unexpectedProblems(opened.problems)).toEqual([]);
      await opened.context.close();
    }
  });
});
