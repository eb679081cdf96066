/**
 * The baseline: a bare Fastify server (no plugins, no auth, no validation library, no policies,
 * no presenters) on its own better-sqlite3 connection to the same database file, doing the same
 * database work as the app with cached prepared statements. The app's numbers are read as a ratio
 * of this one, measured in the same run on the same machine.
 */
import { randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import Fastify, { type FastifyInstance } from "fastify";

/** First-page size of the inbox (the API's default `limit`). */
export const INBOX_FIRST_PAGE = 30;

interface BareLoopBody {
  emoji: number;
  tagIds: string[];
  text: string;
}

/** The same connection settings as src/server/db (WAL, foreign keys, busy timeout, synchronous=NORMAL). */
export function openRaw(file: string): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("synchronous = NORMAL");
  return raw;
}

/**
 * The inbox's first page for a leader in plain SQL, in two steps: the page's ids from the index on
 * loops(…group_id, listed_at, id) over the groups the leader leads, then those rows with their
 * group, task, sender, the leader's read mark, tags and attachments. The first step names the
 * tenant key only when that index starts with it: otherwise SQLite prefers the (organisation_id, id)
 * index and sorts every loop of the organisation. So the baseline stays the best plain SQL for the
 * schema at hand.
 */
export function bareInboxQueries(raw: BetterSqlite3.Database) {
  const leads = `select gm.group_id from group_members gm join groups g on g.id = gm.group_id
                 where gm.user_id = @leader and gm.role in ('leader', 'tutor') and g.is_active = 1`;
  const orgFirst = loopIndexes(raw).some((cols) => cols.slice(0, 3).join() === "organisation_id,group_id,listed_at");
  const ids = raw.prepare(`
    select l.id from loops l
    where ${orgFirst ? `l.organisation_id in (select organisation_id from groups where id in (${leads})) and ` : ""}l.group_id in (${leads})
    order by l.listed_at desc, l.id desc
    limit @limit`);
  const rows = raw.prepare(`
    select l.id, l.group_id, g.name as group_name, l.task_id, t.title as task_title, l.emoji, l.text, l.is_anonymous,
           case when l.is_anonymous then null else l.sender_id end as sender_id,
           case when l.is_anonymous then null else u.name end as sender_name,
           case when l.is_anonymous then null else u.picture_key end as sender_picture,
           l.created_at, l.listed_at, l.edited_at, l.approved_at, l.approved_by, l.comment_count, l.last_comment_at, l.is_answered,
           r.read_at
    from loops l
    join groups g on g.id = l.group_id
    left join tasks t on t.id = l.task_id
    join users u on u.id = l.sender_id
    left join loop_reads r on r.loop_id = l.id and r.user_id = @leader
    where l.id in (select value from json_each(@ids))
    order by l.listed_at desc, l.id desc`);
  const tags = raw.prepare(`
    select lt.loop_id, tg.id, tg.name, tg.colour, tg.is_archived
    from loop_tags lt join tags tg on tg.id = lt.tag_id
    where lt.loop_id in (select value from json_each(?)) order by tg.position`);
  const attachments = raw.prepare(`select * from attachments where loop_id in (select value from json_each(?)) order by position`);
  return { ids, rows, tags, attachments, orgFirst };
}

/** The column lists of the loops table's indexes. */
function loopIndexes(raw: BetterSqlite3.Database): string[][] {
  const names = raw.prepare("select name from pragma_index_list('loops')").all() as Array<{ name: string }>;
  return names.map(({ name }) => (raw.prepare("select name from pragma_index_info(?) order by seqno").all(name) as Array<{ name: string }>).map((c) => c.name));
}

/**
 * The group dashboard's SQL, plain: the seven aggregates the statistics module runs over a period's
 * loops (named loops by day and emoji, anonymous ones by day, sender and emoji; tags likewise, named by
 * task and tag, from loop_tags' copy of the loop's facts; reports per task; named loops per sender;
 * answer times) and the group's
 * members, tasks and tags.
 */
export function bareDashboardQueries(raw: BetterSqlite3.Database) {
  const period = "l.organisation_id = @org and l.group_id = @group and l.listed_on >= @from and l.listed_on <= @to";
  return {
    days: raw.prepare(`
      select l.listed_on, l.emoji, count(*) as loops, sum(l.comment_count) as comments, sum(case when l.is_answered then 1 else 0 end) as answered
      from loops l where ${period} and l.is_anonymous = 0 group by l.listed_on, l.emoji`),
    anonymousDays: raw.prepare(`
      select l.listed_on, l.emoji, l.sender_id, count(*) as loops, sum(l.comment_count) as comments, sum(case when l.is_answered then 1 else 0 end) as answered
      from loops l where ${period} and l.is_anonymous = 1 group by l.listed_on, l.sender_id, l.emoji`),
    tags: raw.prepare(`
      select task_id, tag_id, count(*) as loops from loop_tags
      where organisation_id = @org and group_id = @group and listed_on >= @from and listed_on <= @to and is_anonymous = 0 group by task_id, tag_id`),
    anonymousTags: raw.prepare(`
      select listed_on, sender_id, tag_id, count(*) as loops from loop_tags
      where organisation_id = @org and group_id = @group and listed_on >= @from and listed_on <= @to and is_anonymous = 1 group by listed_on, sender_id, tag_id`),
    tasks: raw.prepare(`
      select l.task_id, count(*) as loops, count(distinct l.sender_id) as senders,
             count(distinct case when l.approved_at is not null then l.sender_id end) as approved, sum(l.emoji) as emoji_sum
      from loops l where ${period} and l.task_id is not null group by l.task_id`),
    senders: raw.prepare(`
      select l.sender_id, count(case when l.listed_on >= @from and l.listed_on <= @to then 1 end) as loops, max(l.listed_on) as last_day
      from loops l where l.organisation_id = @org and l.group_id = @group and l.is_anonymous = 0 group by l.sender_id`),
    answers: raw.prepare(`select (julianday(l.answered_at) - julianday(l.created_at)) * 24 as hours from loops l where ${period} and l.is_anonymous = 0 and l.answered_at is not null`),
    members: raw.prepare(`
      select u.id, u.name, u.picture_key from group_members gm join users u on u.id = gm.user_id
      where gm.organisation_id = @org and gm.group_id = @group and gm.role = 'sender' order by u.name`),
    taskList: raw.prepare(`select id, title, is_published from tasks where organisation_id = @org and group_id = @group order by position`),
    tagList: raw.prepare(`select id, name, colour, is_archived from tags where organisation_id = @org and group_id = @group order by position`),
  };
}

export interface BareDashboard {
  organisationId: string;
  groupId: string;
  /** "from=…&to=…" */
  query: string;
}

export async function buildBareServer(
  file: string,
  opts: { submit: { organisationId: string; groupId: string; senderIds: string[] }; inboxLeaderId: string; dashboard?: BareDashboard },
): Promise<{ app: FastifyInstance; raw: BetterSqlite3.Database }> {
  const raw = openRaw(file);
  const insertLoop = raw.prepare(`
    insert into loops (id, organisation_id, group_id, sender_id, task_id, emoji, text, is_anonymous, created_at, listed_at, comment_count, is_answered)
    values (?, ?, ?, ?, null, ?, ?, 0, ?, ?, 0, 0)`);
  const insertTag = raw.prepare(`insert into loop_tags (organisation_id, loop_id, tag_id) values (?, ?, ?)`);
  const insertAudit = raw.prepare(`
    insert into audit_events (id, organisation_id, actor_id, action, subject_type, subject_id, ip, outcome, data, created_at)
    values (?, ?, ?, 'loop.sent', 'loop', ?, ?, 'success', ?, ?)`);
  // The leaders' feed rows (issue 5): who reads the group's loops, their e-mail choice for the kind, one row each.
  const leaders = raw.prepare(`select user_id from group_members where organisation_id = ? and group_id = ? and role in ('leader', 'tutor')`).pluck();
  const choices = raw.prepare(`select user_id, delivery from notification_preferences where kind = 'loop_created' and user_id in (select value from json_each(?))`);
  const insertNotification = raw.prepare(`
    insert into notifications (id, organisation_id, user_id, kind, group_id, actor_id, loop_id, created_at, email_status)
    values (?, ?, ?, 'loop_created', ?, ?, ?, ?, ?)`);
  const { organisationId, groupId, senderIds } = opts.submit;
  let turn = 0;
  const send = raw.transaction((body: BareLoopBody, ip: string) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const senderId = senderIds[turn++ % senderIds.length]!;
    insertLoop.run(id, organisationId, groupId, senderId, body.emoji, body.text, now, now);
    for (const tagId of body.tagIds) insertTag.run(organisationId, id, tagId);
    insertAudit.run(randomUUID(), organisationId, senderId, id, ip, JSON.stringify({ groupId }), now);
    const recipients = (leaders.all(organisationId, groupId) as string[]).filter((u) => u !== senderId);
    const chosen = new Map((choices.all(JSON.stringify(recipients)) as Array<{ user_id: string; delivery: string }>).map((c) => [c.user_id, c.delivery]));
    for (const userId of recipients) {
      const delivery = chosen.get(userId) ?? "digest";
      insertNotification.run(randomUUID(), organisationId, userId, groupId, senderId, id, now, delivery === "off" ? "none" : delivery);
    }
    return { id, now };
  });
  const inbox = bareInboxQueries(raw);

  const app = Fastify({ logger: false });
  app.post<{ Body: BareLoopBody }>("/bare/loops", async (request, reply) => {
    const { id, now } = send(request.body, request.ip);
    return reply.status(201).send({ loop: { id, sentAt: now } });
  });
  app.get("/bare/inbox", async () => {
    const pageIds = inbox.ids.all({ leader: opts.inboxLeaderId, limit: INBOX_FIRST_PAGE + 1 }) as Array<{ id: string }>;
    const ids = JSON.stringify(pageIds.slice(0, INBOX_FIRST_PAGE).map((l) => l.id));
    const loops = inbox.rows.all({ leader: opts.inboxLeaderId, ids }) as Array<{ id: string }>;
    const tags = inbox.tags.all(ids) as Array<{ loop_id: string }>;
    const files = inbox.attachments.all(ids);
    const more = pageIds.length > INBOX_FIRST_PAGE;
    return { loops: loops.map((l) => ({ ...l, tags: tags.filter((t) => t.loop_id === l.id) })), files: files.length, nextCursor: more ? (pageIds.at(-2)?.id ?? null) : null };
  });
  if (opts.dashboard) {
    const q = bareDashboardQueries(raw);
    const period = Object.fromEntries(new URLSearchParams(opts.dashboard.query)) as { from: string; to: string };
    const params = { org: opts.dashboard.organisationId, group: opts.dashboard.groupId, from: period.from, to: period.to };
    const group = { org: params.org, group: params.group };
    app.get("/bare/statistics", async () => {
      const hours = (q.answers.all(params) as Array<{ hours: number }>)
        .map((r) => r.hours)
        .sort((a, b) => a - b);
      return {
        days: q.days.all(params),
        anonymousDays: q.anonymousDays.all(params),
        tags: q.tags.all(params),
        anonymousTags: q.anonymousTags.all(params),
        tasks: q.tasks.all(params),
        senders: q.senders.all(params),
        medianHours: hours[hours.length >> 1] ?? null,
        members: q.members.all(group),
        taskList: q.taskList.all(group),
        tagList: q.tagList.all(group),
      };
    });
  }
  return { app, raw };
}
