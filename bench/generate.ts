/**
 * Seeded data for the benchmarks: the same seed gives the same organisation, people, tags, tasks,
 * loops and comments on every run, so two runs measure the same work. Nothing is committed.
 *
 * People, the organisation, groups and memberships go through the app's own commands
 * (insertAccount, createOrganisation, createGroup, addGroupMember), so their rows are exactly what
 * the API writes. Accounts share one precomputed argon2 hash (hashing per account costs ~50 ms) and
 * get their sessions from createSession instead of signing in. Tags, tasks and the inbox's 30,000
 * historical loops are bulk inserts of the rows the loops and tasks modules write: sending them
 * through the API would take minutes and measure nothing.
 */
import type { AppContext } from "../src/server/app.js";
import type { Tx } from "../src/server/db/index.js";
import type { CommentsTable, GroupRow, LoopActivityWeeksTable, LoopReadsTable, LoopsTable, LoopTagsTable, TagsTable, TasksTable, UserRow } from "../src/server/db/types.js";
import { hashPassword } from "../src/server/auth/passwords.js";
import { createSession, SESSION_COOKIE } from "../src/server/auth/sessions.js";
import type { Actor } from "../src/server/policies/index.js";
import { insertAccount } from "../src/server/modules/accounts/commands/registerUser.js";
import { createOrganisation } from "../src/server/modules/organisations/commands/createOrganisation.js";
import { createGroup } from "../src/server/modules/groups/commands/groups.js";
import { addGroupMember } from "../src/server/modules/groups/commands/members.js";
import { listingOf } from "../src/server/modules/loops/listing.js";
import { loopTagRows } from "../src/server/modules/loops/commands/send.js";
import { recountActivity } from "../src/server/modules/loops/commands/activity.js";
import { weekStart } from "../src/shared/days.js";
import { DEFAULT_TIME_ZONE } from "../src/shared/schemas/organisations.js";

/** The benchmark accounts' password (never used to sign in: sessions are created directly). */
const BENCH_PASSWORD = "bench-openloop-password";
const DAY_MS = 86_400_000;
/** Rows per multi-row INSERT: 17 loop columns × 400 stays far below SQLite's variable limit. */
const INSERT_BATCH = 400;

/** mulberry32: a small, fast, deterministic PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const intBetween = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** A UUIDv4-shaped id drawn from the PRNG (deterministic, and like the app's: no order, no time). */
export function uuidFrom(rand: Rand): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** k distinct items of `items`, in random order. */
export function sample<T>(rand: Rand, items: readonly T[], k: number): T[] {
  const copy = [...items];
  const out: T[] = [];
  while (out.length < k && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
  return out;
}

/** The emoji spread of a real class: mostly 3–4, some 2 and 5, few 1. */
export function drawEmoji(rand: Rand): number {
  const r = rand();
  if (r < 0.04) return 1;
  if (r < 0.16) return 2;
  if (r < 0.5) return 3;
  if (r < 0.85) return 4;
  return 5;
}

const WORDS = (
  "today we worked on the project and I learned how to plan my time better it was hard at first but then I asked my group " +
  "for help and we solved the problem together next time I want to start earlier and write down what I do not understand " +
  "the text was long but interesting I liked the discussion about the city and the water and the energy"
).split(" ");

/** A loop-like text of about `words` words. */
export function sentence(rand: Rand, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(rand, WORDS));
  const s = out.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export const TAG_NAMES = ["Took initiative", "Left my comfort zone", "Worked with others", "Planned", "Asked for help", "Reflected", "Creative", "Persevered"];

/** A signed-in person of the benchmark: the id and a ready Cookie header. */
export interface BenchUser {
  id: string;
  cookie: string;
}

export interface BenchGroup {
  id: string;
  organisationId: string;
  tagIds: string[];
  taskIds: string[];
  senders: BenchUser[];
}

export interface BenchWorld {
  organisationId: string;
  leader: BenchUser;
  groups: BenchGroup[];
}

const asActor = (u: UserRow): Actor => ({ userId: u.id, sessionId: "", isInstanceAdmin: u.is_instance_admin });

/** Creates accounts (one shared hash) and a live session each; returns them with their cookies. */
async function createUsers(ctx: AppContext, prefix: string, count: number, passwordHash: string): Promise<Array<BenchUser & { row: UserRow }>> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    const out: Array<BenchUser & { row: UserRow }> = [];
    for (let i = 0; i < count; i++) {
      const row = await insertAccount(tx, { ip: null, name: `${prefix} ${i + 1}`, email: `${prefix}.${i + 1}@bench.example`, passwordHash, language: "en", now });
      const { token } = await createSession(tx, { userId: row.id, headers: { "user-agent": "autocannon" }, now, timeouts: ctx.timeouts });
      out.push({ id: row.id, cookie: `${SESSION_COOKIE}=${token}`, row });
    }
    return out;
  });
}

/** Tags and published tasks for a group, as the tasks module would store them. */
async function addTagsAndTasks(tx: Tx, rand: Rand, group: GroupRow, tagCount: number, taskCount: number, now: Date) {
  const at = now.toISOString();
  const tags: TagsTable[] = TAG_NAMES.slice(0, tagCount).map((name, position) => ({
    id: uuidFrom(rand), organisation_id: group.organisation_id, group_id: group.id, name, colour: null, position, is_archived: false, created_at: at,
  }));
  const tasks: TasksTable[] = Array.from({ length: taskCount }, (_, position) => ({
    id: uuidFrom(rand), organisation_id: group.organisation_id, group_id: group.id, title: `Task ${position + 1}`, instructions: sentence(rand, 20),
    position, is_published: true, due_at: null, published_at: at, created_at: at, updated_at: at,
  }));
  if (tags.length) await tx.insertInto("tags").values(tags).execute();
  if (tasks.length) await tx.insertInto("tasks").values(tasks).execute();
  return { tagIds: tags.map((t) => t.id), taskIds: tasks.map((t) => t.id) };
}

export interface WorldOptions {
  seed: number;
  /** Name prefix, so several worlds can live in one database. */
  name: string;
  groups: number;
  sendersPerGroup: number;
  tagsPerGroup: number;
  tasksPerGroup: number;
}

/** An organisation with one leader who owns `groups` hierarchical groups of `sendersPerGroup` senders each. */
export async function createWorld(ctx: AppContext, o: WorldOptions): Promise<BenchWorld> {
  const rand = prng(o.seed);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const [leader] = await createUsers(ctx, `${o.name}-leader`, 1, passwordHash);
  const org = (await createOrganisation({ ctx, ip: null, actor: asActor(leader!.row), name: `${o.name} school`, type: "school" })).org;
  const groups: BenchGroup[] = [];
  for (let g = 0; g < o.groups; g++) {
    const group = await createGroup({
      ctx, ip: null, actor: asActor(leader!.row), organisationId: org.id, name: `${o.name} group ${g + 1}`, description: "", type: "hierarchical", hasStudentMembers: true,
    });
    const senders = await createUsers(ctx, `${o.name}-g${g + 1}-sender`, o.sendersPerGroup, passwordHash);
    const now = ctx.clock();
    const content = await ctx.db.transaction().execute(async (tx) => {
      for (const s of senders) await addGroupMember(tx, { group, userId: s.id, role: "sender", now: now.toISOString(), by: null });
      return addTagsAndTasks(tx, rand, group, o.tagsPerGroup, o.tasksPerGroup, now);
    });
    groups.push({ id: group.id, organisationId: org.id, ...content, senders: senders.map(({ id, cookie }) => ({ id, cookie })) });
  }
  return { organisationId: org.id, leader: { id: leader!.id, cookie: leader!.cookie }, groups };
}

/** The JSON body of a free loop with two of the group's tags (the submission scenario's request). */
export function loopBody(rand: Rand, group: BenchGroup): string {
  return JSON.stringify({ taskId: null, emoji: drawEmoji(rand), tagIds: sample(rand, group.tagIds, 2), text: sentence(rand, 30), anonymous: false });
}

export interface HistoryOptions {
  seed: number;
  loopsPerSender: number;
  /** Loops only: no tags, comments or read marks (the organisation dashboard reads none of them). */
  lean?: boolean;
  /** The history ends at `end` and spans this many days. */
  days: number;
  end: Date;
}

export interface HistoryCounts {
  loops: number;
  loopTags: number;
  comments: number;
  reads: number;
  /** Rows of the organisation dashboard's weekly roll-up. */
  activityRows: number;
}


/**
 * A term of loops for every sender of the world, written as the loops and comments modules store
 * them: ~20 % reports on a task (half of them approved), ~8 % anonymous free loops, 0–3 tags,
 * a third with a comment thread (leader answer, sometimes a reply), and the leader's read marks on
 * most loops older than a week.
 */
export async function seedHistory(ctx: AppContext, world: BenchWorld, o: HistoryOptions): Promise<HistoryCounts> {
  const rand = prng(o.seed);
  const counts: HistoryCounts = { loops: 0, loopTags: 0, comments: 0, reads: 0, activityRows: 0 };
  // Organisations made by createOrganisation live in the default zone.
  const timeZone = DEFAULT_TIME_ZONE;
  const endMs = o.end.getTime();
  const span = o.days * DAY_MS;
  for (const group of world.groups) {
    const loops: LoopsTable[] = [];
    const loopTags: LoopTagsTable[] = [];
    const comments: CommentsTable[] = [];
    const reads: LoopReadsTable[] = [];
    const activity = new Map<string, LoopActivityWeeksTable>();
    for (const sender of group.senders) {
      for (let i = 0; i < o.loopsPerSender; i++) {
        const created = new Date(endMs - span + Math.floor(rand() * span));
        const isReport = group.taskIds.length > 0 && rand() < 0.2;
        const anonymous = !isReport && rand() < 0.1;
        const createdAt = created.toISOString();
        const { listed_on: listedOn, listed_at: listedAt } = listingOf(createdAt, anonymous, timeZone);
        const id = uuidFrom(rand);
        const approved = isReport && rand() < 0.5;
        const loop: LoopsTable = {
          id, organisation_id: group.organisationId, group_id: group.id, sender_id: sender.id, task_id: isReport ? pick(rand, group.taskIds) : null,
          emoji: drawEmoji(rand), text: sentence(rand, intBetween(rand, 8, 60)), is_anonymous: anonymous, created_at: createdAt, listed_at: listedAt,
          listed_on: listedOn, answered_at: null, edited_at: null, approved_at: approved ? new Date(created.getTime() + DAY_MS).toISOString() : null, approved_by: approved ? world.leader.id : null,
          comment_count: 0, last_comment_at: null, is_answered: false, checkin_occurrence_id: null,
        };
        const week = weekStart(listedOn);
        const key = `${week}|${sender.id}`;
        const row = activity.get(key) ?? { organisation_id: group.organisationId, group_id: group.id, week, sender_id: sender.id, named_loops: 0, anonymous_loops: 0 };
        if (anonymous) row.anonymous_loops++;
        else row.named_loops++;
        activity.set(key, row);
        loops.push(loop);
        if (o.lean) continue;
        loopTags.push(...loopTagRows(loop, sample(rand, group.tagIds, intBetween(rand, 0, 3))));
        if (rand() < 0.33) {
          const thread = intBetween(rand, 1, 3);
          let t = created.getTime();
          for (let c = 0; c < thread; c++) {
            t += Math.floor(rand() * DAY_MS);
            const byLeader = c % 2 === 0;
            comments.push({
              id: uuidFrom(rand), organisation_id: group.organisationId, loop_id: id, author_id: byLeader ? world.leader.id : sender.id,
              text: sentence(rand, intBetween(rand, 5, 25)), created_at: new Date(t).toISOString(), edited_at: null, deleted_at: null,
            });
            if (byLeader && !loop.is_answered) {
              loop.is_answered = true;
              loop.answered_at = new Date(t).toISOString();
            }
          }
          loop.comment_count = thread;
          loop.last_comment_at = new Date(t).toISOString();
        }
        if (endMs - created.getTime() > 7 * DAY_MS && rand() < 0.8) {
          reads.push({ organisation_id: group.organisationId, loop_id: id, user_id: world.leader.id, read_at: loop.last_comment_at ?? createdAt });
        }
      }
    }
    const activityRows = [...activity.values()];
    await ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < loops.length; i += INSERT_BATCH) await tx.insertInto("loops").values(loops.slice(i, i + INSERT_BATCH)).execute();
      for (let i = 0; i < loopTags.length; i += INSERT_BATCH) await tx.insertInto("loop_tags").values(loopTags.slice(i, i + INSERT_BATCH)).execute();
      for (let i = 0; i < comments.length; i += INSERT_BATCH) await tx.insertInto("comments").values(comments.slice(i, i + INSERT_BATCH)).execute();
      for (let i = 0; i < reads.length; i += INSERT_BATCH) await tx.insertInto("loop_reads").values(reads.slice(i, i + INSERT_BATCH)).execute();
      for (let i = 0; i < activityRows.length; i += INSERT_BATCH) await tx.insertInto("loop_activity_weeks").values(activityRows.slice(i, i + INSERT_BATCH)).execute();
      // The roll-ups derived from those rows, as the loops module keeps them.
      const weeks = [...new Set(activityRows.map((r) => r.week))];
      await recountActivity(tx, { organisationId: group.organisationId, groupId: group.id, senderIds: group.senders.map((s) => s.id), weeks });
    });
    counts.activityRows += activityRows.length;
    counts.loops += loops.length;
    counts.loopTags += loopTags.length;
    counts.comments += comments.length;
    counts.reads += reads.length;
  }
  return counts;
}
