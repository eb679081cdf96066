import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { createGroup, createOrganisation, expectStatus, groupCodes, join, register, type Person } from "../../../../test/helpers/world.js";
import { sendLoop } from "../../../../test/helpers/loops.js";
import type { Figure, GroupStatistics, MyStatistics, OrganisationStatistics } from "../../../shared/schemas/statistics.js";

/**
 * Attempts to single out one anonymous sender (k = 5, the default). Three schools with one class
 * each and the same seven students, who send the same loops in all three, except:
 * - "with": Student 6 also sends one anonymous loop alone in week B;
 * - "without": not that one — every figure must be the same as "with";
 * - "other emoji": as "with", but Student 6's anonymous loop of week A has emoji 2, not 1.
 * Week A: Students 1–5 anonymous (emoji 4, tag "calm"), Student 6 anonymous (emoji 1, tag "brave"),
 * Student 7 named (emoji 3, "calm"). Week B: Student 7 named (emoji 2). Week C: Students 1–4
 * anonymous (k − 1 people). Week D: Students 1–5 anonymous (k people).
 */
type World = "with" | "without" | "otherEmoji";
let t: TestApp;
const worlds = {} as Record<World, { teacher: Person; orgId: string; groupId: string; tags: Record<string, string> }>;
let s: Person[];
const A = "2026-09-07";
const B = "2026-09-14";
const C = "2026-09-21";
const D = "2026-09-28";

const api = (rest: string) => `/api/v1${rest}`;
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();
const period = (from: string, to: string) => ({ from, to });

async function groupStats(world: World, q: Record<string, string>): Promise<GroupStatistics> {
  const w = worlds[world];
  return expectStatus<GroupStatistics>(await w.teacher.client.get(api(`/groups/${w.groupId}/statistics?${qs(q)}`)), 200);
}
async function orgStats(world: World, q: Record<string, string>): Promise<OrganisationStatistics> {
  const w = worlds[world];
  return expectStatus<OrganisationStatistics>(await w.teacher.client.get(api(`/organisations/${w.orgId}/statistics?${qs(q)}`)), 200);
}

/** What a reader can compute with: every number, without the `withheld` marks and with ids replaced by names. */
function values(body: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(body)) return body.map((x) => values(x, names));
  if (body && typeof body === "object") {
    return Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k !== "withheld" && k !== "groupId" && k !== "organisationId")
        .map(([k, v]) => [k, values(v, names)]),
    );
  }
  return typeof body === "string" ? (names.get(body) ?? body) : body;
}
/**
 * The group dashboard's numbers: tags and heat-map cells without loops left out (a withheld tag is
 * listed with 0, which says no more than its mark).
 */
function groupValues(body: GroupStatistics, names: Map<string, string>): unknown {
  const heatmap = Object.fromEntries(
    body.heatmap.rows.map((r) => [r.task?.title ?? "free loops", Object.fromEntries(body.heatmap.tags.map((tag, i) => [tag.name, r.cells[i]!.value] as const).filter(([, v]) => v > 0))]),
  );
  return values({ ...body, tags: body.tags.filter((x) => x.loops.value > 0), heatmap }, names);
}
const namesOf = (world: World) => new Map([...Object.entries(worlds[world].tags).map(([name, id]) => [id, name] as const), [worlds[world].groupId, "the group"]]);

function at(instant: string) {
  t.clock.advance(Date.parse(instant) - t.clock().getTime());
}
/** Student `i` (1-based) sends the same loop in the given worlds. */
async function send(instant: string, i: number, body: { emoji: number; tag?: string; anonymous?: boolean }, only: World[] = ["with", "without", "otherEmoji"]) {
  at(instant);
  for (const world of only) {
    const w = worlds[world];
    await sendLoop(s[i - 1]!, w.groupId, { emoji: body.emoji, anonymous: body.anonymous ?? false, ...(body.tag ? { tagIds: [w.tags[body.tag]] } : {}) });
  }
}

beforeAll(async () => {
  t = await createTestApp({ env: { SESSION_IDLE_TIMEOUT_HOURS: String(24 * 60), SESSION_ABSOLUTE_TIMEOUT_DAYS: "60" } });
  s = [];
  for (let i = 1; i <= 7; i++) s.push(await register(t, `Student ${i}`));
  for (const world of ["with", "without", "otherEmoji"] as const) {
    const teacher = await register(t, `Teacher of ${world}`);
    const orgId = await createOrganisation(teacher, `School ${world}`);
    const groupId = await createGroup(teacher, orgId, { name: "8A" });
    const tags: Record<string, string> = {};
    for (const name of ["calm", "brave"]) tags[name] = expectStatus(await teacher.client.post(api(`/groups/${groupId}/tags`), { name }), 201).tag.id;
    const code = (await groupCodes(teacher, groupId)).sender!;
    for (const p of s) await join(p, code);
    worlds[world] = { teacher, orgId, groupId, tags };
  }
  // Week A.
  for (let i = 1; i <= 5; i++) await send(`2026-09-08T0${i}:00:00.000Z`, i, { emoji: 4, tag: "calm", anonymous: true });
  await send("2026-09-09T08:00:00.000Z", 6, { emoji: 1, tag: "brave", anonymous: true }, ["with", "without"]);
  await send("2026-09-09T08:00:00.000Z", 6, { emoji: 2, tag: "brave", anonymous: true }, ["otherEmoji"]);
  await send("2026-09-10T08:00:00.000Z", 7, { emoji: 3, tag: "calm" });
  // Week B: Student 6 alone, anonymous, in "with" and "other emoji" only.
  await send("2026-09-15T08:00:00.000Z", 6, { emoji: 5, tag: "calm", anonymous: true }, ["with", "otherEmoji"]);
  await send("2026-09-16T08:00:00.000Z", 7, { emoji: 2 });
  // Week C: k − 1 anonymous senders; week D: k.
  for (let i = 1; i <= 4; i++) await send(`2026-09-22T0${i}:00:00.000Z`, i, { emoji: 3, anonymous: true });
  for (let i = 1; i <= 5; i++) await send(`2026-09-29T0${i}:00:00.000Z`, i, { emoji: 2, anonymous: true });
  // The Monday after week D: every week read here is over (an open week's anonymous loops wait for its end).
  at("2026-10-05T10:00:00.000Z");
});
afterAll(async () => t.close());

const periods = [period(A, A), period(B, B), period(A, B), period("2026-08-31", "2026-09-20"), period(B, C), period(A, D), period("2026-09-16", "2026-09-16")];
const f = (value: number, withheld = false): Figure => ({ value, withheld });

describe("anonymity in statistics", () => {
  it("shows nothing a lone anonymous sender adds: every figure of every period is the same with and without their loop", async () => {
    for (const p of periods) {
      const q = { ...p, inactiveDays: "3" };
      expect(groupValues(await groupStats("with", q), namesOf("with")), JSON.stringify(p)).toEqual(groupValues(await groupStats("without", q), namesOf("without")));
      expect(values(await orgStats("with", p), namesOf("with")), JSON.stringify(p)).toEqual(values(await orgStats("without", p), namesOf("without")));
    }
    // It is marked, never counted.
    const withLone = await groupStats("with", period(B, B));
    expect(withLone.totals).toMatchObject({ loops: f(1, true), namedLoops: 1, anonymousLoops: f(0, true), comments: f(0) });
    expect(withLone.emoji).toEqual([f(0), f(1), f(0), f(0), f(0, true)]);
    expect(withLone.tags).toEqual([{ tag: expect.objectContaining({ name: "calm" }), loops: f(0, true) }]);
  });

  it("gives nothing by subtraction: two periods one week apart, totals minus their parts, the organisation minus the group", async () => {
    const ab = await groupStats("with", period(A, B));
    const a = await groupStats("with", period(A, A));
    // The difference of two periods is the week's shown figure: the named loop of Student 7 only.
    expect(ab.totals.loops.value - a.totals.loops.value).toBe(1);
    expect(ab.emoji.map((e, i) => e.value - a.emoji[i]!.value)).toEqual([0, 1, 0, 0, 0]);
    expect(ab.tags.find((x) => x.tag.name === "calm")!.loops.value - a.tags.find((x) => x.tag.name === "calm")!.loops.value).toBe(0);
    // Totals are the sums of their shown parts: nothing is left over to attribute.
    for (const body of [ab, a]) {
      expect(body.totals.loops.value).toBe(body.weeks.reduce((n, w) => n + w.loops.value, 0));
      expect(body.totals.loops.value).toBe(body.totals.namedLoops + body.totals.anonymousLoops.value);
      for (const [i, e] of body.emoji.entries()) expect(e.value).toBe(body.weeks.reduce((n, w) => n + w.emoji[i]!.value, 0));
      const free = body.heatmap.rows.at(-1)!.cells;
      body.heatmap.tags.forEach((tag, i) => expect(free[i]!.value).toBe(body.tags.find((x) => x.tag.id === tag.id)!.loops.value));
    }
    // The organisation dashboard counts the same atoms as the group's.
    const org = await orgStats("with", period(A, B));
    expect(org.groups[0]!.weeks).toEqual(ab.weeks.map((w) => w.loops.value));
    expect(org.totals.loops).toEqual(ab.totals.loops);
    expect(org.weeks.map((w) => w.loops)).toEqual(ab.weeks.map((w) => w.loops));
  });

  it("hides a lone emoji under a shown week together with another, so the week minus the shown emoji does not tell it", async () => {
    const a = await groupStats("with", period(A, A));
    const week = a.weeks[0]!;
    // Six people sent anonymously in week A: the week counts them.
    expect(week.loops).toEqual(f(7));
    // Student 6's emoji 1 is alone; emoji 4 (five people) is hidden with it.
    expect(week.emoji).toEqual([f(0, true), f(0), f(1), f(0, true), f(0)]);
    expect(week.meanEmoji).toBe(3);
    // What subtraction gives is the six loops of six people together, not Student 6's.
    expect(week.loops.value - week.emoji.reduce((n, e) => n + e.value, 0)).toBe(6);
    // Had Student 6 chosen emoji 2, every number would be the same.
    for (const p of periods) {
      const q = { ...p, inactiveDays: "3" };
      expect(groupValues(await groupStats("with", q), namesOf("with")), JSON.stringify(p)).toEqual(groupValues(await groupStats("otherEmoji", q), namesOf("otherEmoji")));
    }
    // Their tag alone in the week is withheld; "calm" of the five others is shown.
    expect(a.tags).toEqual([
      { tag: expect.objectContaining({ name: "calm" }), loops: f(6) },
      { tag: expect.objectContaining({ name: "brave" }), loops: f(0, true) },
    ]);
  });

  it("counts anonymous loops of k − 1 people in a week as withheld, of k people as shown, with the organisation's k", async () => {
    const cd = await groupStats("with", period(C, D));
    expect(cd.weeks.map((w) => w.loops)).toEqual([f(0, true), f(5)]);
    expect(cd.weeks[1]!.emoji).toEqual([f(0), f(5), f(0), f(0), f(0)]);
    expect((await orgStats("with", period(C, D))).weeks.map((w) => w.loops)).toEqual([f(0, true), f(5)]);
    const { orgId, teacher } = worlds.with;
    expectStatus(await teacher.client.patch(api(`/organisations/${orgId}`), { minSenders: 4 }), 200);
    try {
      const four = await groupStats("with", period(C, D));
      expect(four.minSenders).toBe(4);
      expect(four.weeks.map((w) => w.loops)).toEqual([f(4), f(5)]);
      expect((await orgStats("with", period(C, D))).weeks.map((w) => w.loops)).toEqual([f(4), f(5)]);
    } finally {
      expectStatus(await teacher.client.patch(api(`/organisations/${orgId}`), { minSenders: 5 }), 200);
    }
    expect((await groupStats("with", period(C, D))).weeks[0]!.loops).toEqual(f(0, true));
  });

  it("counts a week's anonymous loops only once the week is over", async () => {
    // Back on the Friday of week D, k senders' anonymous loops of that week wait for its end.
    t.clock.advance(-3 * 86_400_000);
    try {
      const open = await groupStats("with", period(C, D));
      expect(open.weeks.map((w) => w.loops)).toEqual([f(0, true), f(0, true)]);
      expect((await orgStats("with", period(C, D))).weeks.map((w) => w.loops)).toEqual([f(0, true), f(0, true)]);
    } finally {
      t.clock.advance(3 * 86_400_000);
    }
    expect((await groupStats("with", period(C, D))).weeks[1]!.loops).toEqual(f(5));
  });

  it("never names an anonymous sender and counts no one by anonymous loops", async () => {
    const anonymous = s.slice(0, 6);
    for (const p of periods) {
      const group = await groupStats("with", p);
      const org = await orgStats("with", p);
      // Student 7, the one named sender of weeks A and B, which every period here touches.
      expect(group.totals.namedSenders).toBe(1);
      for (const person of anonymous) {
        expect(group.participation.members.find((m) => m.person.id === person.id)).toMatchObject({ loops: 0, lastLoopOn: null, quiet: true });
        const rest = JSON.stringify({ ...group, participation: null }) + JSON.stringify(org);
        for (const secret of [person.id, person.name, person.email]) expect(rest).not.toContain(secret);
      }
    }
  });

  it("shows a sender their own anonymous loops, and nobody else's", async () => {
    const mine = (p: Person) => p.client.get(api(`/me/statistics?${qs({ from: A, to: D })}`)).then((r) => expectStatus<MyStatistics>(r, 200));
    // Student 6 sent in three schools: 3 in week A, 2 in week B ("with" and "other emoji").
    const six = await mine(s[5]!);
    expect(six.weeks.map((w) => w.loops)).toEqual([3, 2, 0, 0]);
    expect(six.emoji).toEqual([2, 1, 0, 0, 2]);
    expect(six.tags.map((x) => [x.tag.name, x.loops]).sort()).toEqual([
      ["brave", 1],
      ["brave", 1],
      ["brave", 1],
      ["calm", 1],
      ["calm", 1],
    ]);
    // Student 7 (named only) sees their own six loops, none of the anonymous ones.
    expect((await mine(s[6]!)).totals).toEqual({ loops: 6, comments: 0, meanEmoji: 2.5 });
  });
});
