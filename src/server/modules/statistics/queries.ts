/**
 * What each dashboard reads, through the owning modules' exported queries (the statistics module
 * has no tables): loops aggregates from loops/statistics-queries.ts, members from groups, tasks
 * and tags from tasks, settings and members from organisations. Independent reads run together.
 */
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow, OrganisationRow } from "../../db/types.js";
import type { StatisticsPeriod } from "../../../shared/schemas/statistics.js";
import { listUserCards } from "../accounts/queries.js";
import { listGroupsWithSenderCounts, listMemberIdsWho } from "../groups/queries.js";
import { myTaskStates } from "../loops/progress.js";
import {
  groupLoopCells,
  groupSenderActivity,
  groupTagCells,
  groupTaskCells,
  medianHoursToAnswer,
  myLoopCells,
  myTagCounts,
  organisationNamedSenders,
  organisationWeekActivity,
} from "../loops/statistics-queries.js";
import { countMembers } from "../organisations/queries.js";
import { findTags, listTags, listTasks } from "../tasks/queries.js";
import type { GroupStatisticsData, MyStatisticsData, OrganisationStatisticsData } from "./presenters.js";

const rangeOf = (p: StatisticsPeriod) => ({ from: p.from, to: p.to });

/** Everything the group dashboard shows, for a group the actor may read statistics of. */
export async function loadGroupStatistics(
  db: DbOrTx,
  group: GroupRow,
  settings: { period: StatisticsPeriod; minSenders: number; inactiveDays: number },
): Promise<GroupStatisticsData> {
  const org = group.organisation_id;
  const range = rangeOf(settings.period);
  const [memberIds, cells, tagCells, taskCells, activity, median, tasks, tags] = await Promise.all([
    listMemberIdsWho(db, group, "sendLoop"),
    groupLoopCells(db, org, group.id, range),
    groupTagCells(db, org, group.id, range),
    groupTaskCells(db, org, group.id, range),
    groupSenderActivity(db, org, group.id, range),
    medianHoursToAnswer(db, org, group.id, range),
    listTasks(db, org, group.id),
    listTags(db, org, group.id),
  ]);
  const cards = new Map((await listUserCards(db, memberIds)).map((c) => [c.id, c]));
  return { group, ...settings, memberIds, cards, cells, tagCells, taskCells, activity, medianHoursToAnswer: median, tasks, tags };
}

/**
 * The viewer's own statistics over `groups`: the groups they have sent loops in (their loops stay
 * theirs) and those they send in now; `sending` are the latter, whose published tasks are listed.
 */
export async function loadMyStatistics(db: DbOrTx, userId: string, period: StatisticsPeriod, groups: GroupRow[], sending: GroupRow[]): Promise<MyStatisticsData> {
  const scope = groups.map((g) => ({ id: g.id, organisationId: g.organisation_id }));
  const range = rangeOf(period);
  const [cells, tagCounts, taskGroups] = await Promise.all([
    myLoopCells(db, userId, scope, range),
    myTagCounts(db, userId, scope, range),
    Promise.all(
      sending.map(async (group) => {
        const [tasks, states] = await Promise.all([listTasks(db, group.organisation_id, group.id), myTaskStates(db, group.organisation_id, group.id, userId)]);
        return { group, tasks, states };
      }),
    ),
  ]);
  const byGroup = new Map(groups.map((g) => [g.id, g]));
  const tagIds = new Map<string, string[]>();
  for (const c of tagCounts) tagIds.set(c.groupId, [...(tagIds.get(c.groupId) ?? []), c.tagId]);
  const tags = (
    await Promise.all(
      [...tagIds].map(([groupId, ids]) => {
        const g = byGroup.get(groupId)!;
        return findTags(db, g.organisation_id, g.id, ids);
      }),
    )
  ).flat();
  return { period, cells, tagCounts, tags, taskGroups };
}

/** Everything the organisation dashboard shows: counts only, from the loops roll-up. */
export async function loadOrganisationStatistics(db: DbOrTx, org: OrganisationRow, period: StatisticsPeriod, readerId?: string): Promise<OrganisationStatisticsData> {
  const weeks = rangeOf(period);
  const [groups, members, activity, namedSenders] = await Promise.all([
    listGroupsWithSenderCounts(db, org.id),
    countMembers(db, org.id),
    organisationWeekActivity(db, org.id, weeks, readerId),
    organisationNamedSenders(db, org.id, period.weeks),
  ]);
  return { organisationId: org.id, period, minSenders: org.statistics_min_senders, members, groups, activity, namedSenders };
}
