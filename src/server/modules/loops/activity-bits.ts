/**
 * The derived roll-ups of `loop_activity_weeks` (pure functions, shared by the migration's
 * backfill, the write path in commands/activity.ts and the organisation dashboard's reads):
 * - per group and week: loops and distinct senders, named and anonymous apart;
 * - per person (in a group, and in the whole organisation) and block of 50 weeks: the weeks with
 *   a named loop as the bits of one number (bit i = week block·50 + i), so that counting distinct
 *   people over a period reads one row per person instead of one per person and week.
 * Weeks are numbered from Monday 1970-01-05 (week 0); they stay below 2^50 bits, so a block's
 * number is an exact JavaScript number (and a bigint in the database).
 */
import type { LoopActivityGroupWeeksTable, LoopActivityMemberBitsTable, LoopActivityPersonBitsTable, LoopActivityWeeksTable } from "../../db/types.js";
import { addDays, daysBetween } from "../../../shared/days.js";

export const WEEKS_PER_BLOCK = 50;
const EPOCH_MONDAY = "1970-01-05";

/** Whole weeks from Monday 1970-01-05 to the Monday `week`. */
export const weekNumber = (week: string): number => Math.floor(daysBetween(EPOCH_MONDAY, week) / 7);
/** The block of 50 weeks the Monday `week` is in. */
export const blockOf = (week: string): number => Math.floor(weekNumber(week) / WEEKS_PER_BLOCK);
/** The bit of the Monday `week` within its block. */
export const bitOf = (week: string): number => 2 ** (weekNumber(week) % WEEKS_PER_BLOCK);
/** The first and last Monday of a block. */
export const blockWeeks = (block: number): { from: string; to: string } => ({
  from: addDays(EPOCH_MONDAY, block * WEEKS_PER_BLOCK * 7),
  to: addDays(EPOCH_MONDAY, (block * WEEKS_PER_BLOCK + WEEKS_PER_BLOCK - 1) * 7),
});
/** Whether bit i of a block's weeks (a number below 2^50) is set. */
export const hasBit = (weeks: number, i: number): boolean => Math.floor(weeks / 2 ** i) % 2 === 1;

type ActivityWeekRow = LoopActivityWeeksTable;
type GroupWeekRow = LoopActivityGroupWeeksTable;
type MemberBitsRow = LoopActivityMemberBitsTable;
type PersonBitsRow = LoopActivityPersonBitsTable;

/** The group weeks of roll-up rows (each row one group, week and sender). */
export function groupWeeksOf(rows: readonly ActivityWeekRow[]): GroupWeekRow[] {
  const out = new Map<string, GroupWeekRow>();
  for (const r of rows) {
    const key = `${r.organisation_id}|${r.group_id}|${r.week}`;
    const g = out.get(key) ?? { organisation_id: r.organisation_id, group_id: r.group_id, week: r.week, named_loops: 0, anonymous_loops: 0, named_senders: 0, anonymous_senders: 0 };
    g.named_loops += r.named_loops;
    g.anonymous_loops += r.anonymous_loops;
    if (r.named_loops > 0) g.named_senders++;
    if (r.anonymous_loops > 0) g.anonymous_senders++;
    out.set(key, g);
  }
  return [...out.values()].filter((g) => g.named_loops + g.anonymous_loops > 0);
}

/**
 * The weeks with a named loop as bits, per person in a group and per person in the organisation,
 * of roll-up rows (all of a person's rows of the blocks concerned, across groups).
 */
export function bitsOf(rows: readonly Pick<ActivityWeekRow, "organisation_id" | "group_id" | "week" | "sender_id" | "named_loops">[]): {
  members: MemberBitsRow[];
  persons: PersonBitsRow[];
} {
  const members = new Map<string, MemberBitsRow>();
  const personWeeks = new Map<string, { row: PersonBitsRow; weeks: Set<string> }>();
  for (const r of rows) {
    if (r.named_loops <= 0) continue;
    const block = blockOf(r.week);
    const mk = `${r.organisation_id}|${r.group_id}|${r.sender_id}|${block}`;
    const m = members.get(mk) ?? { organisation_id: r.organisation_id, group_id: r.group_id, sender_id: r.sender_id, block, weeks: 0 };
    // One row per group, week and sender: a sum of distinct bits.
    m.weeks += bitOf(r.week);
    members.set(mk, m);
    const pk = `${r.organisation_id}|${r.sender_id}|${block}`;
    const p = personWeeks.get(pk) ?? { row: { organisation_id: r.organisation_id, sender_id: r.sender_id, block, weeks: 0 }, weeks: new Set() };
    if (!p.weeks.has(r.week)) {
      p.weeks.add(r.week);
      p.row.weeks += bitOf(r.week);
    }
    personWeeks.set(pk, p);
  }
  return { members: [...members.values()], persons: [...personWeeks.values()].map((p) => p.row) };
}
