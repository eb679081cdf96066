/**
 * `npm run demo`: seeds the demo organisation "Demoskolan" — an administrator, two teachers, a
 * tutor, a class of 25 students in two groups made from the built-in content packages — and then
 * a term of use: tasks published week by week, ~12 weeks of loops (reports and free loops, some
 * anonymous), comment threads between teachers and students, approved reports and read marks;
 * in Klass 9B also information posts, a weekly check-in answered most Fridays and three surveys
 * (two closed with results, one open). Notifications are made as the API makes them and the
 * digest job runs each afternoon, into a mailer that drops the messages.
 * People and groups come from the same commands the API uses; the term is played through the
 * HTTP API itself (app.inject, with a clock moved through the term) so every rule holds.
 * Running it again changes nothing and prints the same details.
 * Meant for a fresh instance: on an empty one the demo administrator becomes instance administrator.
 */
import { buildApp, type App } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDb } from "./db/index.js";
import { migrateToLatest } from "./db/migrate.js";
import { hashPassword } from "./auth/passwords.js";
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./auth/rate-limits.js";
import { createSession, revokeSession, SESSION_COOKIE } from "./auth/sessions.js";
import type { GroupRow } from "./db/types.js";
import type { Actor } from "./policies/index.js";
import type { UserRow } from "./db/types.js";
import { insertAccount } from "./modules/accounts/commands/registerUser.js";
import { findUserByEmail } from "./modules/accounts/queries.js";
import { createOrganisation, updateOrganisation } from "./modules/organisations/commands/createOrganisation.js";
import { grantOrgRole } from "./modules/organisations/commands/roles.js";
import { listMyOrganisations } from "./modules/organisations/queries.js";
import { createGroup } from "./modules/groups/commands/groups.js";
import { addGroupMember } from "./modules/groups/commands/members.js";
import { listGroupsForUser } from "./modules/groups/queries.js";
import { findJoinCode, formatJoinCode } from "./modules/joining/codes.js";
import { findBuiltinPackage } from "./modules/tasks/library/index.js";
import { copyPackageIntoGroup } from "./modules/tasks/commands/packages.js";
import { listTags, listTasks } from "./modules/tasks/queries.js";
import { publishPolicyVersion, recordSignUpAcceptance } from "./modules/privacy-policy/commands.js";
import { FIRST_POLICY_VERSION } from "./modules/privacy-policy/first-version.js";
import { findCurrentVersion } from "./modules/privacy-policy/queries.js";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "demo-openloop-2026";
const DOMAIN = "demoskolan.example";

const STUDENT_NAMES = [
  "Alva Berg", "Elias Lund", "Maja Holm", "William Ek", "Ella Sjöberg", "Hugo Nyström", "Alice Wallin", "Lucas Ström",
  "Olivia Dahl", "Liam Forsberg", "Astrid Lindgren", "Oscar Sandberg", "Wilma Björk", "Noah Engström", "Saga Hedlund", "Adam Blom",
  "Ebba Åberg", "Leo Falk", "Selma Öberg", "Vincent Lindqvist", "Freja Nordin", "Theo Sundberg", "Agnes Håkansson", "Melvin Axelsson",
  "Signe Jakobsson",
];

/** The term played through: this many weeks up to now. */
const TERM_WEEKS = 12;
const DAY_MS = 86_400_000;
const PACKAGES = { class: "builtin:reflection-on-learning:sv", project: "builtin:entrepreneurial-learning:sv" } as const;

const asActor = (u: UserRow): Actor => ({ userId: u.id, sessionId: "", isInstanceAdmin: u.is_instance_admin });
const slug = (name: string) => name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z]+/g, ".");

async function main(): Promise<void> {
  const config = loadConfig();
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await migrateToLatest(dbHandle);
  // The term is played with a clock the seed moves forward; until then it is the real time.
  const sim: SimulatedTime = { at: null };
  const clock = () => new Date(sim.at ?? Date.now());
  // The seed sends hundreds of loops from one process: no limiter should count them.
  const unlimited = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { points: 1e9, windowSeconds: 1 }])) as unknown as RateLimitSettings;
  // The term's notifications go through the real e-mail jobs, into a mailer that drops them:
  // nobody should find a term's worth of mail in the outbox.
  const dropMail = { send: async () => {}, close: () => {} };
  const app = await buildApp({ config, dbHandle, logger: false, clock, rateLimits: unlimited, mailer: dropMail });

  const { ctx } = app;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // A first privacy policy, published before anyone signs up; every demo account accepts it at sign-up.
  const policy = (await findCurrentVersion(ctx.db)) ?? (await publishPolicyVersion({ ctx, ip: null, actor: null, ...FIRST_POLICY_VERSION }));
  const person = async (name: string, email: string, language: "sv" | "en" = "sv"): Promise<UserRow> => {
    const existing = await findUserByEmail(ctx.db, email);
    if (existing) return existing;
    return ctx.db.transaction().execute(async (tx) => {
      const user = await insertAccount(tx, { ip: null, name, email, passwordHash, language, now: ctx.clock() });
      await recordSignUpAcceptance(tx, { userId: user.id, versionId: policy.id, now: ctx.clock(), field: "acceptedPolicyVersionId" });
      return user;
    });
  };

  const admin = await person("Anna Rektor", `rektor@${DOMAIN}`);
  const teacher1 = await person("Karin Lärare", `karin@${DOMAIN}`);
  const teacher2 = await person("Johan Lärare", `johan@${DOMAIN}`);
  const tutor = await person("Sam Tutor", `tutor@praktik.example`, "en");
  const students = await Promise.all(STUDENT_NAMES.map((n) => person(n, `${slug(n)}@${DOMAIN}`)));

  let org = (await listMyOrganisations(ctx.db, admin.id)).find((o) => o.org.name === "Demoskolan")?.org;
  if (!org) {
    org = (await createOrganisation({ ctx, ip: null, actor: asActor(admin), name: "Demoskolan", type: "school" })).org;
    // A school year's data is kept for a year (the default of 3 months would start removing the
    // demo's term a week after it was played), with the reason every member reads on the group page.
    org = (await updateOrganisation({
      ctx, ip: null, actor: asActor(admin), org,
      retentionDefaults: {
        period: "P12M",
        purpose: "Looparna är ett formativt samtal mellan dig och dina lärare under läsåret: de hjälper oss att planera, förtydliga och stötta ditt lärande — inte att betygsätta det. Vi sparar dem i ett år.",
      },
    })).org;
    const now = ctx.clock().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      for (const t of [teacher1, teacher2]) await grantOrgRole(tx, { organisationId: org!.id, userId: t.id, role: "is_group_creator", now, by: null });
    });
    const class9 = await createGroup({
      ctx, ip: null, actor: asActor(teacher1), organisationId: org.id, name: "Klass 9B", description: "Svenska och SO för 9B, läsåret 2026/27.",
      type: "hierarchical", hasStudentMembers: true, fromPackage: builtin(PACKAGES.class),
    });
    const project = await createGroup({
      ctx, ip: null, actor: asActor(teacher2), organisationId: org.id, name: "Projekt Hållbar stad", description: "Tvärprojekt i teknik och samhällskunskap.",
      type: "hierarchical", hasStudentMembers: true, fromPackage: builtin(PACKAGES.project),
    });
    await ctx.db.transaction().execute(async (tx) => {
      await addGroupMember(tx, { group: class9, userId: teacher2.id, role: "leader", now, by: null });
      await addGroupMember(tx, { group: project, userId: tutor.id, role: "tutor", now, by: null });
      for (const s of students) await addGroupMember(tx, { group: class9, userId: s.id, role: "sender", now, by: null });
      for (const s of students.slice(0, 12)) await addGroupMember(tx, { group: project, userId: s.id, role: "sender", now, by: null });
    });
  }

  const groups = (await listGroupsForUser(ctx.db, admin.id)).map((g) => g.group).filter((g) => g.organisation_id === org.id);
  const class9 = groups.find((g) => g.name === "Klass 9B");
  const project = groups.find((g) => g.name === "Projekt Hållbar stad");
  if (!class9 || !project) throw new Error("Demoskolan exists but its groups Klass 9B and Projekt Hållbar stad do not: use a fresh DATA_DIR for the demo.");

  // The term is seeded once: a group that already has loops is left as it is.
  if ((await countLoops(app, [class9.id, project.id])) === 0) {
    await ensurePackage(app, class9, teacher1, PACKAGES.class);
    await ensurePackage(app, project, teacher2, PACKAGES.project);
    const term = new Term(app, sim);
    await planTerm(app, term, { group: class9, leaders: [teacher1, teacher2], students, rate: 0.25, tasksToPublish: 6, seed: 9 });
    await planTerm(app, term, { group: project, leaders: [teacher2], students: students.slice(0, 12), rate: 0.2, tasksToPublish: 4, seed: 2026 });
    planClassLife(term, { group: class9, leader: teacher1, students, seed: 77 });
    planDays(app, term, [admin, teacher1, teacher2, tutor, ...students]);
    await term.play();
    await ctx.jobs.idle();
  }

  const lines = [
    "",
    `Demoskolan is ready at ${config.publicUrl}. Every demo account's password: ${DEMO_PASSWORD}`,
    "",
    `  administrator  ${admin.email}`,
    `  teacher        ${teacher1.email} (owns Klass 9B)`,
    `  teacher        ${teacher2.email} (owns Projekt Hållbar stad, leads Klass 9B)`,
    `  tutor          ${tutor.email} (Projekt Hållbar stad)`,
    `  students       ${students[0]!.email} … ${students.at(-1)!.email} (25, all in Klass 9B; the first 12 also in the project)`,
    "",
  ];
  for (const g of groups) {
    const code = await findJoinCode(ctx.db, { organisationId: g.organisation_id, groupId: g.id, purpose: "sender" });
    if (code) lines.push(`  join code for ${g.name}: ${formatJoinCode(code.code)}  (${config.publicUrl}/join/${code.code})`);
  }
  for (const g of [class9, project]) {
    const tasks = await listTasks(ctx.db, g.organisation_id, g.id);
    lines.push(`  ${g.name}: ${tasks.filter((t) => t.is_published).length} published tasks, ${await countLoops(app, [g.id])} loops from the last ${TERM_WEEKS} weeks`);
  }
  lines.push(`  Klass 9B also has news posts, a weekly check-in ("Hur har veckan varit?", Fridays 14:00) and three surveys`);
  lines.push(
    "",
    `  Sign in as ${teacher1.email} to read the inbox, answer and approve; as ${students[0]!.email} to see a student's loops and tasks.`,
    "",
  );
  console.warn(lines.join("\n"));
  await app.close();
  await dbHandle.close();
}

/** The seed's clock: null is the real time; during the term, the instant being played. */
interface SimulatedTime {
  at: number | null;
}

function builtin(id: string) {
  const pkg = findBuiltinPackage(id);
  if (!pkg) throw new Error(`The content package ${id} is missing from the library.`);
  return { id: pkg.id, content: pkg.content };
}

async function countLoops(app: App, groupIds: string[]): Promise<number> {
  const row = await app.ctx.db.selectFrom("loops").select((eb) => eb.fn.countAll<number>().as("count")).where("group_id", "in", groupIds).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A group made by an older demo has no tasks or tags yet: copy its package in, as creating it from the package would have. */
async function ensurePackage(app: App, group: GroupRow, owner: UserRow, packageId: string): Promise<void> {
  const { ctx } = app;
  const [tasks, tags] = await Promise.all([listTasks(ctx.db, group.organisation_id, group.id), listTags(ctx.db, group.organisation_id, group.id)]);
  if (tasks.length > 0 || tags.length > 0) return;
  const { content } = builtin(packageId);
  await ctx.db.transaction().execute((tx) => copyPackageIntoGroup(tx, { group, packageId, content, actorId: owner.id, ip: null, now: ctx.clock().toISOString() }));
}

/** mulberry32: the same seed plays the same term. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const HOUR_MS = 3_600_000;

/** A class's spread: mostly 3–4, some 2 and 5, few 1. */
function drawEmoji(rand: Rand): number {
  const r = rand();
  if (r < 0.04) return 1;
  if (r < 0.16) return 2;
  if (r < 0.5) return 3;
  if (r < 0.85) return 4;
  return 5;
}
type Mood = "low" | "mid" | "high";
const moodOf = (emoji: number): Mood => (emoji <= 2 ? "low" : emoji === 3 ? "mid" : "high");

const LOOP_TEXTS: Record<Mood, readonly string[]> = {
  low: [
    "Jag fattade inte alls hur jag skulle börja. Behöver hjälp med strukturen.",
    "Det var stökigt i gruppen idag och vi kom inte framåt.",
    "Jag hann inte klart och blev stressad inför redovisningen.",
    "Förstod inte instruktionerna, kan vi gå igenom dem igen?",
    "Var trött idag och tappade fokus efter rasten.",
  ],
  mid: [
    "Det gick okej. Jag förstod det mesta men inte sista delen om källkritik.",
    "Vi kom en bit med planeringen. Nästa gång ska vi fördela arbetet bättre.",
    "Läste klart kapitlet men har svårt att sammanfatta det med egna ord.",
    "Helt okej lektion. Diskussionen var bra men jag sa inte så mycket.",
    "Jag har börjat på texten men vet inte riktigt om jag är på rätt spår.",
    "",
  ],
  high: [
    "Jag förstod äntligen hur man bygger upp en argumenterande text!",
    "Vi intervjuade en person från kommunen och fick jättebra svar till projektet.",
    "Bästa lektionen på länge, vi fick testa våra idéer på riktigt.",
    "Jag vågade redovisa inför hela klassen och det gick bättre än jag trodde.",
    "Jag hjälpte en kompis med uppgiften och märkte att jag själv förstod den bättre då.",
    "Kul att jobba i grupp idag, alla bidrog och vi blev klara i tid.",
  ],
};
const TEACHER_TEXTS: Record<Mood, readonly string[]> = {
  low: [
    "Tack för att du berättar. Kom förbi efter lektionen på onsdag så går vi igenom början tillsammans.",
    "Bra att du säger till! Skriv tre stödord om vad texten ska handla om, så tittar vi på dem ihop.",
    "Det låter jobbigt. Vill du att vi ändrar gruppindelningen till nästa vecka?",
  ],
  mid: [
    "Bra reflektion! Vilken del var svårast? Skriv gärna ett exempel.",
    "Du är på rätt spår. Läs din inledning högt för dig själv och se om tesen syns.",
    "Tack! Nästa gång: försök säga en sak i diskussionen, det räcker med en.",
  ],
  high: [
    "Vad roligt att läsa! Vad tror du gjorde att det lossnade just idag?",
    "Snyggt jobbat. Ta med dig det här till nästa uppgift.",
    "Starkt att du vågade – det märktes att du hade förberett dig.",
  ],
};
const REPLIES = ["Tack, jag kommer förbi på onsdag!", "Okej, jag provar det.", "Jag tror det var exemplen som hjälpte.", "Tack för tipset!", "Ja, det vore bra."];
const APPROVALS = ["Godkänd – tydlig och genomtänkt.", "Godkänd! Bra att du gav konkreta exempel.", "Bra jobbat, godkänd."];

interface PlannedEvent {
  at: number;
  order: number;
  run: () => Promise<void>;
}

/**
 * A term played through the HTTP API in time order. Each person acts through a session of their
 * own, made at the simulated time (and renewed before it would idle out); the seed ends them all.
 */
class Term {
  readonly end = Date.now() - HOUR_MS;
  readonly start = this.end - TERM_WEEKS * 7 * DAY_MS;
  private readonly events: PlannedEvent[] = [];
  private readonly sessions = new Map<string, { cookie: string; id: string; since: number }>();
  private readonly origin: string;

  constructor(
    private readonly app: App,
    private readonly sim: SimulatedTime,
  ) {
    this.origin = new URL(app.ctx.config.publicUrl).origin;
  }

  /** The app's job queue: scheduled jobs run at the simulated time, as the server would run them. */
  jobs() {
    return this.app.ctx.jobs;
  }

  /** Plans `run` at `at`; whatever would happen after now is left for the newcomer to do. */
  plan(at: number, run: () => Promise<void>): void {
    if (at <= this.end) this.events.push({ at, order: this.events.length, run });
  }

  async play(): Promise<void> {
    try {
      for (const e of this.events.sort((a, b) => a.at - b.at || a.order - b.order)) {
        this.sim.at = e.at;
        await e.run();
      }
    } finally {
      this.sim.at = null;
      for (const [userId, s] of this.sessions) await revokeSession(this.app.ctx.db, userId, s.id);
    }
  }

  private async cookie(user: UserRow): Promise<string> {
    const now = this.sim.at ?? Date.now();
    const held = this.sessions.get(user.id);
    if (held && now - held.since < 5 * DAY_MS) return held.cookie;
    const { ctx } = this.app;
    if (held) await revokeSession(ctx.db, user.id, held.id);
    const { token, session } = await createSession(ctx.db, { userId: user.id, headers: { "user-agent": "Openloop demo seed" }, now: new Date(now), timeouts: ctx.timeouts });
    const fresh = { cookie: `${SESSION_COOKIE}=${token}`, id: session.id, since: now };
    this.sessions.set(user.id, fresh);
    return fresh.cookie;
  }

  /** One API call as `user`; anything but success stops the seed with the API's answer. */
  async api<T = unknown>(user: UserRow, method: "GET" | "POST" | "PATCH" | "PUT", url: string, body?: object): Promise<T> {
    const res = await this.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await this.cookie(user), ...(method === "GET" ? {} : { origin: this.origin }) },
      ...(body ? { payload: body } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`The demo seed's ${method} ${url} was refused (${res.statusCode}): ${res.body}`);
    return (res.statusCode === 204 ? undefined : res.json()) as T;
  }
}

interface TermPlan {
  group: GroupRow;
  /** The first answers most loops; the others now and then. */
  leaders: UserRow[];
  students: UserRow[];
  /** Chance that a student sends a loop on a school day. */
  rate: number;
  tasksToPublish: number;
  seed: number;
}

/** Plans a group's term: tasks published every other week, loops on school days, threads, approvals and reads. */
async function planTerm(app: App, term: Term, p: TermPlan): Promise<void> {
  const { ctx } = app;
  const rand = prng(p.seed);
  const { group } = p;
  const tasks = (await listTasks(ctx.db, group.organisation_id, group.id)).slice(0, p.tasksToPublish);
  const tagIds = (await listTags(ctx.db, group.organisation_id, group.id)).filter((t) => !t.is_archived).map((t) => t.id);
  const leader = () => (rand() < 0.8 ? p.leaders[0]! : pick(rand, p.leaders));
  const published = tasks.map((task, i) => ({ task, at: term.start + i * 14 * DAY_MS + 7 * HOUR_MS }));
  for (const { task, at } of published) {
    term.plan(at, () => term.api(p.leaders[0]!, "PATCH", `/groups/${group.id}/tasks/${task.id}`, { published: true, dueAt: new Date(at + 12 * DAY_MS).toISOString() }));
  }
  const reported = new Set<string>();
  for (let day = 0; day < TERM_WEEKS * 7; day++) {
    const midnight = term.start - (term.start % DAY_MS) + day * DAY_MS;
    const weekday = new Date(midnight).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const student of p.students) {
      if (rand() >= p.rate) continue;
      const sentAt = midnight + 7 * HOUR_MS + Math.floor(rand() * 8 * HOUR_MS);
      const open = published.filter((t) => t.at < sentAt && !reported.has(`${student.id}:${t.task.id}`));
      const task = open.length > 0 && rand() < 0.5 ? open.at(-1)!.task : null;
      if (task) reported.add(`${student.id}:${task.id}`);
      const anonymous = !task && rand() < 0.12;
      const emoji = drawEmoji(rand);
      const mood = moodOf(emoji);
      const tags = tagIds.filter(() => rand() < 0.2).slice(0, 3);
      const text = pick(rand, LOOP_TEXTS[mood]);
      const loop = { id: "" };
      term.plan(sentAt, async () => {
        const res = await term.api<{ loop: { id: string } }>(student, "POST", `/groups/${group.id}/loops`, { taskId: task?.id ?? null, emoji, tagIds: tags, text, anonymous });
        loop.id = res.loop.id;
      });
      const by = leader();
      // Leaders read most loops within a few days; the last ones stay unread for the newcomer.
      let t = sentAt + HOUR_MS + Math.floor(rand() * 3 * DAY_MS);
      if (rand() < 0.85) term.plan(t, () => term.api(by, "POST", `/loops/${loop.id}/read`));
      if (rand() < (mood === "low" ? 0.9 : 0.4)) {
        t += Math.floor(rand() * 4 * HOUR_MS);
        term.plan(t, () => term.api(by, "POST", `/loops/${loop.id}/comments`, { text: pick(rand, TEACHER_TEXTS[mood]) }));
        if (rand() < 0.5) {
          t += HOUR_MS + Math.floor(rand() * DAY_MS);
          term.plan(t, () => term.api(student, "POST", `/loops/${loop.id}/comments`, { text: pick(rand, REPLIES) }));
          if (rand() < 0.4) {
            t += HOUR_MS + Math.floor(rand() * DAY_MS);
            term.plan(t, () => term.api(by, "POST", `/loops/${loop.id}/comments`, { text: "👍 Hör av dig om du vill ha mer hjälp." }));
          }
        }
      }
      if (task && rand() < 0.65) {
        t += HOUR_MS + Math.floor(rand() * 2 * DAY_MS);
        const withComment = rand() < 0.4;
        term.plan(t, () => term.api(by, "POST", `/loops/${loop.id}/approve`, withComment ? { comment: pick(rand, APPROVALS) } : {}));
      }
    }
  }
}

/** The instant `days` after the term's first day, at `hour`:`minute` UTC. */
const termDay = (term: Term, days: number, hour: number, minute = 0) => term.start - (term.start % DAY_MS) + days * DAY_MS + hour * HOUR_MS + minute * 60_000;

interface ClassLifePlan {
  group: GroupRow;
  leader: UserRow;
  students: UserRow[];
  seed: number;
}

const POSTS = [
  {
    week: 0,
    title: "Välkomna till en ny termin!",
    body: "Den här terminen skickar ni loopar efter varje arbetsområde. Skriv kort och ärligt: det är för att jag ska kunna hjälpa er.\n\nSchemat finns på https://demoskolan.example/schema",
  },
  { week: 4, title: "Studiebesök på stadsmuseet fredag", body: "Vi samlas vid skolans entré kl 8.30. Ta med matsäck och anteckningsblock.\n\nVi är tillbaka till lunch." },
  { week: 10, title: "Utvecklingssamtal v. 49", body: "Boka en tid med din mentor senast fredag. Vi går igenom dina loopar från terminen tillsammans." },
] as const;

/**
 * The class's life beyond loops (issue 5): information posts read by most, a weekly check-in
 * ("Hur har veckan varit?") the scheduler asks every Friday and about two thirds answer, an
 * identified mid-term evaluation and an anonymous well-being survey (closed, with enough answers
 * to show), and an open survey at the end.
 */
function planClassLife(term: Term, p: ClassLifePlan): void {
  const rand = prng(p.seed);
  const { group, leader, students } = p;
  for (const post of POSTS) {
    const at = termDay(term, post.week * 7 + 1, 6, 45);
    const made = { id: "" };
    term.plan(at, async () => {
      made.id = (await term.api<{ post: { id: string } }>(leader, "POST", `/groups/${group.id}/posts`, { title: post.title, body: post.body })).post.id;
    });
    for (const s of students) if (rand() < 0.8) term.plan(at + HOUR_MS + Math.floor(rand() * 2 * DAY_MS), () => term.api(s, "POST", `/posts/${made.id}/seen`));
  }

  // Every Friday at 14:00 in the organisation's time zone (Europe/Stockholm).
  const checkin = { id: "" };
  term.plan(termDay(term, 0, 6, 30), async () => {
    checkin.id = (await term.api<{ checkin: { id: string } }>(leader, "POST", `/groups/${group.id}/checkins`, { prompt: "Hur har veckan varit?", weekday: 5, time: "14:00" })).checkin.id;
  });
  for (let week = 0; week < TERM_WEEKS; week++) {
    // 13:05 UTC is past 14:00 in Stockholm in summer and in winter time.
    const friday = [0, 1, 2, 3, 4, 5, 6].map((d) => termDay(term, week * 7 + d, 13, 5)).find((t) => new Date(t).getUTCDay() === 5)!;
    const occurrence = { id: "" };
    term.plan(friday, async () => {
      await term.jobs().runScheduled("checkins.occur");
      const list = await term.api<{ occurrences: Array<{ id: string }> }>(leader, "GET", `/checkins/${checkin.id}/occurrences`);
      occurrence.id = list.occurrences[0]?.id ?? "";
    });
    for (const s of students) {
      if (rand() >= 0.65) continue;
      const emoji = drawEmoji(rand);
      const text = pick(rand, LOOP_TEXTS[moodOf(emoji)]);
      const anonymous = rand() < 0.1;
      term.plan(friday + 10 * 60_000 + Math.floor(rand() * 20 * HOUR_MS), async () => {
        if (occurrence.id) await term.api(s, "POST", `/groups/${group.id}/loops`, { emoji, text, anonymous, checkinOccurrenceId: occurrence.id });
      });
    }
  }

  type Made = { id: string; questions: Array<{ id: string }> };
  const survey = (week: number, closeAfterDays: number | null, body: object, answer: (rand: Rand) => unknown[], share: number) => {
    const made: Made = { id: "", questions: [] };
    const at = termDay(term, week * 7 + 1, 7, 0);
    term.plan(at, async () => {
      const res = await term.api<{ survey: Made }>(leader, "POST", `/groups/${group.id}/surveys`, body);
      Object.assign(made, res.survey);
      await term.api(leader, "POST", `/surveys/${made.id}/open`);
    });
    for (const s of students) {
      if (rand() >= share) continue;
      const values = answer(rand);
      term.plan(at + HOUR_MS + Math.floor(rand() * 3 * DAY_MS), () =>
        term.api(s, "PUT", `/surveys/${made.id}/response`, { answers: Object.fromEntries(made.questions.map((q, i) => [q.id, values[i] ?? null])) }),
      );
    }
    if (closeAfterDays !== null) term.plan(at + closeAfterDays * DAY_MS, () => term.api(leader, "POST", `/surveys/${made.id}/close`));
  };
  survey(
    5,
    6,
    {
      title: "Halvtidsutvärdering",
      description: "Hur går terminen hittills? Svaren hjälper mig att planera resten av terminen.",
      questions: [
        { kind: "scale", prompt: "Hur nöjd är du med terminen hittills?", required: true },
        { kind: "single", prompt: "Vilket arbetssätt lär du dig mest av?", required: true, options: ["Genomgångar", "Grupparbete", "Eget arbete", "Redovisningar"] },
        { kind: "text", prompt: "Vad vill du att vi gör mer av?" },
      ],
    },
    (r) => [1 + Math.min(4, Math.floor(r() * 3) + 2), Math.floor(r() * 4), r() < 0.5 ? pick(r, ["Mer grupparbete", "Fler exempel vid tavlan", "Mer tid till att skriva", "Fler studiebesök"]) : null],
    0.8,
  );
  survey(
    8,
    5,
    {
      title: "Trivsel i klassen",
      description: "Anonym enkät: jag ser bara sammanställningen, aldrig vem som svarat vad.",
      anonymous: true,
      questions: [
        { kind: "scale", prompt: "Hur trivs du i klassen?", required: true },
        { kind: "multiple", prompt: "Var känner du dig trygg?", options: ["I klassrummet", "I korridoren", "På rasterna", "I matsalen"] },
      ],
    },
    (r) => [2 + Math.floor(r() * 4), [0, 1, 2, 3].filter(() => r() < 0.7)],
    0.85,
  );
  survey(
    TERM_WEEKS - 1,
    null,
    {
      title: "Inför nästa termin",
      questions: [{ kind: "single", prompt: "Vilket tema vill du helst arbeta med?", required: true, options: ["Hållbarhet", "Medier och källkritik", "Demokrati"] }],
    },
    (r) => [Math.floor(r() * 3)],
    0.4,
  );
}

/**
 * The days of the term: each afternoon the daily digest runs (into the seed's silent mailer) as
 * it would on a real server, and two days before the end everyone catches up with their feed, so
 * the newcomer finds a few unread notifications, not a term's worth.
 */
function planDays(app: App, term: Term, people: UserRow[]): void {
  for (let day = 0; day < TERM_WEEKS * 7; day++) term.plan(termDay(term, day, 17, 0), () => app.ctx.jobs.runScheduled("notifications.digest"));
  for (const person of people) term.plan(term.end - 2 * DAY_MS, () => term.api(person, "POST", "/feed/read-all"));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
