/**
 * The only place that shapes statistics output: the three dashboards from the aggregates their
 * loaders read (queries.ts). Anonymous loops enter only through the atoms of suppression.ts; the
 * people named here (participation) are counted by their named loops only.
 */
import { addDays, weekStart } from "../../../shared/days.js";
import type { Figure, GroupStatistics, MyStatistics, OrganisationStatistics, StatisticsPeriod, TagRef, TaskRef } from "../../../shared/schemas/statistics.js";
import type { TaskState } from "../../../shared/schemas/tasks.js";
import type { GroupRow, TagRow, TaskRow } from "../../db/types.js";
import type { GroupWeekActivity, LoopDayCell, MyDayCell, NamedSenderCounts, SenderActivity, TagCell, TaskCell } from "../loops/statistics-queries.js";
import { presentPerson } from "../loops/presenters.js";
import { EMOJI_LEVELS, figure, tagAtoms, weekAtoms, weekPart, type AnonymousEmojiCell, type AnonymousTagCell, type Part } from "./suppression.js";

type Card = { id: string; name: string; picture_key: string | null };

const levels = () => Array.from({ length: EMOJI_LEVELS }, () => 0);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
/** The mean emoji (1–5) of counts per level, or null without any. */
const meanOf = (counts: readonly number[]): number | null => {
  const n = sum(counts);
  return n === 0 ? null : sum(counts.map((c, i) => c * (i + 1))) / n;
};
const tagRef = (t: TagRow): TagRef => ({ id: t.id, name: t.name, colour: t.colour as TagRef["colour"], archived: t.is_archived });
const myState = (s: TaskState | undefined) => (s === "sent" || s === "approved" ? s : "not_sent");
const taskRef = (t: TaskRow): TaskRef => ({ id: t.id, title: t.title });

export interface GroupStatisticsData {
  group: GroupRow;
  period: StatisticsPeriod;
  minSenders: number;
  inactiveDays: number;
  /** Who may send loops in the group now, with their cards. */
  memberIds: string[];
  cards: Map<string, Card>;
  cells: LoopDayCell[];
  tagCells: TagCell[];
  taskCells: TaskCell[];
  activity: SenderActivity[];
  medianHoursToAnswer: number | null;
  /** The group's tasks and tags in their order. */
  tasks: TaskRow[];
  tags: TagRow[];
}

/** The group dashboard as `readerId` sees it: their own anonymous loops do not count towards k (suppression.ts). */
export function presentGroupStatistics(d: GroupStatisticsData, readerId?: string): GroupStatistics {
  const k = d.minSenders;
  // Named loops per week and emoji; anonymous ones only as atoms.
  const named = new Map(d.period.weeks.map((w) => [w, levels()]));
  let namedComments = 0;
  let namedAnswered = 0;
  const anonymous: AnonymousEmojiCell[] = [];
  for (const c of d.cells) {
    const week = weekStart(c.day);
    if (c.anonymous && c.senderId) {
      anonymous.push({ week, emoji: c.emoji, senderId: c.senderId, loops: c.loops, comments: c.comments });
      continue;
    }
    const perEmoji = named.get(week);
    if (!perEmoji || c.emoji < 1 || c.emoji > EMOJI_LEVELS) continue;
    perEmoji[c.emoji - 1]! += c.loops;
    namedComments += c.comments;
    namedAnswered += c.answered;
  }
  const reading = { readerId, openWeek: weekStart(d.period.today) };
  const atoms = weekAtoms(anonymous, k, reading);
  const atomList = [...atoms.values()];

  const weeks = d.period.weeks.map((week) => {
    const perEmoji = named.get(week)!;
    const atom = atoms.get(week);
    const emoji = perEmoji.map((n, i) => figure(n, atom ? [atom.emoji[i]!] : []));
    return {
      week,
      loops: figure(sum(perEmoji), atom ? [atom.loops] : []),
      emoji,
      meanEmoji: meanOf(emoji.map((e) => e.value)),
    };
  });
  const namedLoops = sum([...named.values()].map(sum));

  // Tags: named loops per task and tag; anonymous ones as (week, tag) atoms.
  const namedByTag = new Map<string, number>();
  const namedByTaskTag = new Map<string, number>();
  const anonymousTags: AnonymousTagCell[] = [];
  for (const c of d.tagCells) {
    if (c.anonymous) {
      if (c.day && c.senderId) anonymousTags.push({ week: weekStart(c.day), tagId: c.tagId, senderId: c.senderId, loops: c.loops });
      continue;
    }
    add(namedByTag, c.tagId, c.loops);
    add(namedByTaskTag, `${c.taskId ?? ""}|${c.tagId}`, c.loops);
  }
  const tagParts = tagAtoms(anonymousTags, atoms, k, reading);
  const tagPosition = new Map(d.tags.map((t, i) => [t.id, i]));
  const tags = d.tags
    .map((tag) => ({ tag, loops: figure(namedByTag.get(tag.id) ?? 0, tagParts.get(tag.id)?.values() ?? []) }))
    .filter((t) => t.loops.value > 0 || t.loops.withheld)
    .sort((a, b) => b.loops.value - a.loops.value || tagPosition.get(a.tag.id)! - tagPosition.get(b.tag.id)!);

  // Tasks (named loops only): published ones and any with loops in the period, in the group's order.
  const members = d.memberIds.length;
  const byTask = new Map(d.taskCells.map((c) => [c.taskId, c]));
  const tasks = d.tasks.filter((t) => t.is_published || byTask.has(t.id));

  const heatmapCell = (taskId: string | null, tagId: string): Figure =>
    taskId === null ? figure(namedByTaskTag.get(`|${tagId}`) ?? 0, tagParts.get(tagId)?.values() ?? []) : figure(namedByTaskTag.get(`${taskId}|${tagId}`) ?? 0);

  const activity = new Map(d.activity.map((a) => [a.senderId, a]));
  // "In the last N days" counts today: quiet when the latest named loop is older than that.
  const quietBefore = addDays(d.period.today, 1 - d.inactiveDays);
  const participation = d.memberIds
    .flatMap((id) => {
      const person = presentPerson(d.cards.get(id));
      if (!person) return [];
      const a = activity.get(id);
      const lastLoopOn = a?.lastDay ?? null;
      return [{ person, loops: a?.loops ?? 0, lastLoopOn, quiet: lastLoopOn === null || lastLoopOn < quietBefore }];
    })
    .sort((a, b) => a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id));

  return {
    groupId: d.group.id,
    period: d.period,
    minSenders: k,
    members,
    totals: {
      loops: figure(namedLoops, atomList.map((a) => a.loops)),
      namedLoops,
      anonymousLoops: figure(0, atomList.map((a) => a.loops)),
      comments: figure(namedComments, atomList.map((a) => a.comments)),
      namedSenders: d.activity.filter((a) => a.loops > 0).length,
      answeredShare: namedLoops === 0 ? null : namedAnswered / namedLoops,
      medianHoursToAnswer: d.medianHoursToAnswer === null ? null : Math.round(d.medianHoursToAnswer * 10) / 10,
    },
    weeks,
    emoji: levels().map((_, i) => figure(sum([...named.values()].map((perEmoji) => perEmoji[i]!)), atomList.map((a) => a.emoji[i]!))),
    tags: tags.map((t) => ({ tag: tagRef(t.tag), loops: t.loops })),
    tasks: tasks.map((task) => {
      const c = byTask.get(task.id);
      const senders = c?.senders ?? 0;
      return {
        task: taskRef(task),
        loops: c?.loops ?? 0,
        senders,
        // Senders who have since left still count as senders of the task, never above everyone.
        completion: members === 0 ? null : Math.min(1, senders / members),
        approved: c?.approved ?? 0,
        meanEmoji: c && c.loops > 0 ? c.emojiSum / c.loops : null,
      };
    }),
    heatmap: {
      tags: tags.map((t) => tagRef(t.tag)),
      rows: [
        ...tasks.map((task) => ({ task: taskRef(task), cells: tags.map((t) => heatmapCell(task.id, t.tag.id)) })),
        { task: null, cells: tags.map((t) => heatmapCell(null, t.tag.id)) },
      ],
    },
    participation: { inactiveDays: d.inactiveDays, members: participation },
  };
}

export interface MyStatisticsData {
  period: StatisticsPeriod;
  cells: MyDayCell[];
  tagCounts: { groupId: string; tagId: string; loops: number }[];
  /** Tags of the groups the counts name. */
  tags: TagRow[];
  /** The groups the viewer sends loops in now, with their published tasks and the viewer's states. */
  taskGroups: { group: GroupRow; tasks: TaskRow[]; states: Map<string, TaskState> }[];
}

export function presentMyStatistics(d: MyStatisticsData): MyStatistics {
  const perWeek = new Map(d.period.weeks.map((w) => [w, levels()]));
  const emoji = levels();
  let comments = 0;
  for (const c of d.cells) {
    const counts = perWeek.get(weekStart(c.day));
    if (!counts || c.emoji < 1 || c.emoji > EMOJI_LEVELS) continue;
    counts[c.emoji - 1]! += c.loops;
    emoji[c.emoji - 1]! += c.loops;
    comments += c.comments;
  }
  const tags = new Map(d.tags.map((t) => [t.id, t]));
  return {
    period: d.period,
    totals: { loops: sum(emoji), comments, meanEmoji: meanOf(emoji) },
    weeks: d.period.weeks.map((week) => {
      const counts = perWeek.get(week)!;
      return { week, loops: sum(counts), meanEmoji: meanOf(counts) };
    }),
    emoji,
    tags: d.tagCounts
      .flatMap((c) => {
        const tag = tags.get(c.tagId);
        return tag ? [{ tag: tagRef(tag), groupId: c.groupId, loops: c.loops }] : [];
      })
      .sort((a, b) => b.loops - a.loops || a.tag.name.localeCompare(b.tag.name)),
    tasks: d.taskGroups.flatMap(({ group, tasks, states }) =>
      tasks.filter((t) => t.is_published).map((t) => ({ group: { id: group.id, name: group.name }, task: taskRef(t), state: myState(states.get(t.id)) })),
    ),
  };
}

export interface OrganisationStatisticsData {
  organisationId: string;
  period: StatisticsPeriod;
  minSenders: number;
  /** Members of the organisation. */
  members: number;
  groups: { group: GroupRow; senders: number }[];
  activity: GroupWeekActivity[];
  namedSenders: NamedSenderCounts;
}

export function presentOrganisationStatistics(d: OrganisationStatisticsData): OrganisationStatistics {
  const k = d.minSenders;
  const reading = { openWeek: weekStart(d.period.today) };
  const weekIndex = new Map(d.period.weeks.map((w, i) => [w, i]));
  // Per group and week: the named loops and the group's anonymous atom of that week.
  const cells = new Map<string, { named: number; atom: Part }[]>();
  for (const a of d.activity) {
    const i = weekIndex.get(a.week);
    if (i === undefined) continue;
    let row = cells.get(a.groupId);
    if (!row) cells.set(a.groupId, (row = d.period.weeks.map(() => ({ named: 0, atom: { value: 0, shown: true } }))));
    row[i] = { named: a.namedLoops, atom: weekPart(a.week, a.anonymousLoops, a.anonymousSenders, k, reading) };
  }
  const counted = (c: { named: number; atom: Part }) => c.named + (c.atom.shown ? c.atom.value : 0);

  const groups = d.groups
    .map(({ group, senders }) => {
      const row = cells.get(group.id) ?? [];
      return {
        group: { id: group.id, name: group.name, active: group.is_active },
        members: senders,
        loops: figure(sum(row.map((c) => c.named)), row.map((c) => c.atom)),
        namedSenders: d.namedSenders.byGroup.get(group.id) ?? 0,
        weeks: d.period.weeks.map((_, i) => (row[i] ? counted(row[i]) : 0)),
      };
    })
    .sort((a, b) => b.loops.value - a.loops.value || a.group.name.localeCompare(b.group.name) || a.group.id.localeCompare(b.group.id));

  const allCells = [...cells.values()];
  return {
    organisationId: d.organisationId,
    period: d.period,
    minSenders: k,
    totals: {
      groups: d.groups.length,
      activeGroups: d.groups.filter((g) => g.group.is_active).length,
      groupsWithLoops: groups.filter((g) => g.loops.value > 0).length,
      members: d.members,
      namedSenders: d.namedSenders.total,
      loops: figure(sum(allCells.flat().map((c) => c.named)), allCells.flat().map((c) => c.atom)),
    },
    weeks: d.period.weeks.map((week, i) => {
      const ofWeek = allCells.map((row) => row[i]!);
      return {
        week,
        loops: figure(sum(ofWeek.map((c) => c.named)), ofWeek.map((c) => c.atom)),
        namedSenders: d.namedSenders.byWeek.get(week) ?? 0,
        groupsWithLoops: ofWeek.filter((c) => counted(c) > 0).length,
      };
    }),
    groups,
  };
}
