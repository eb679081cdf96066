/**
 * Builds one export's ZIP into the blob store: machine-readable JSON under data/, every file
 * under files/, and a readable index.html in the reader's language. Called by the build job.
 */
import type { AppContext } from "../../app.js";
import type { DataExportRow } from "../../db/tables/data-exports.js";
import type { Language } from "../../../shared/schemas/accounts.js";
import { profileOf, sessionsOf } from "../accounts/personal-data.js";
import { organisationMembershipsOf } from "../organisations/personal-data.js";
import { groupMembershipsOf, groupsById } from "../groups/personal-data.js";
import { notificationPreferencesOf } from "../notifications/personal-data.js";
import { identitiesOf } from "../identities/personal-data.js";
import { groupSurveyResultsOf, surveyAnswersOf } from "../surveys/personal-data.js";
import { groupPostsOf } from "../posts/personal-data.js";
import { groupTasksOf } from "../tasks/personal-data.js";
import { loadGroupAccess } from "../groups/queries.js";
import { csvStream, exportRows } from "../loops/export.js";
import { organisationTimeZone } from "../organisations/queries.js";
import { attachmentPages, attachmentPath, loopItemPages, myCommentPages, postFilePath, type LoopItem, type View } from "./content.js";
import { listPolicyAcceptancesOf } from "../privacy-policy/queries.js";
import { crashReportSettingOf } from "../crash-reports/queries.js";
import { esc, facts, fileLink, formatInstant, LABELS, list, pageEnd, pageStart, type Labels } from "./html.js";
import { json, jsonArray, writeZip, type ZipWriter } from "./zip.js";

const PICTURE_PATH = "files/profile-picture.webp";

/** Writes the export's ZIP under `key`; resolves with its size in bytes. */
export function buildExportZip(ctx: AppContext, row: DataExportRow, key: string): Promise<number> {
  return writeZip(ctx.blobs, key, (zip) => (row.kind === "group" ? fillGroup(ctx, row, zip) : fillPerson(ctx, row, zip)));
}

/** A blob as one entry, streamed; a missing blob is skipped. */
async function addBlob(ctx: AppContext, zip: ZipWriter, key: string, name: string): Promise<boolean> {
  const blob = await ctx.blobs.getStream(key);
  if (!blob) return false;
  await zip.add(blob.stream, name);
  return true;
}

async function fillPerson(ctx: AppContext, row: DataExportRow, zip: ZipWriter): Promise<void> {
  const { db } = ctx;
  const lang = row.language;
  const l = LABELS[lang];
  const userId = row.subject_user_id!;
  // An administrator's export of a member covers that organisation only (and not what is the member's alone: sessions, settings).
  const orgId = row.kind === "member" ? (row.organisation_id ?? undefined) : undefined;
  const view: View = { kind: "person", userId, ...(orgId ? { organisationId: orgId } : {}) };
  const own = row.kind === "self";

  const profile = await profileOf(db, userId);
  if (!profile) throw new Error("export subject is gone");
  const [organisations, groups] = await Promise.all([organisationMembershipsOf(db, userId, orgId), groupMembershipsOf(db, userId, orgId)]);
  const groupRows = await groupsById(db, groups.map((g) => g.id));
  const surveys = (await surveyAnswersOf(db, userId, orgId)).filter((s) => own || !s.is_anonymous);
  const personal = own
    ? {
        sessions: await sessionsOf(db, userId),
        signInLinks: await identitiesOf(db, userId),
        notificationPreferences: await notificationPreferencesOf(db, userId),
        consents: await listPolicyAcceptancesOf(db, userId),
        crashReports: await crashReportSettingOf(db, userId),
      }
    : null;

  const hasPicture = profile.picture_key ? await addBlob(ctx, zip, profile.picture_key, PICTURE_PATH) : false;
  const profileItem = {
    id: profile.id,
    name: profile.name,
    email: profile.email,
    language: profile.language,
    createdAt: profile.created_at,
    updatedAt: profile.updated_at,
    ...(own ? { isInstanceAdmin: profile.is_instance_admin } : {}),
    picture: hasPicture ? PICTURE_PATH : null,
  };
  const memberships = {
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, isAdmin: o.is_admin, isGroupCreator: o.is_group_creator, since: o.created_at })),
    groups: groups.map((g) => {
      const group = groupRows.get(g.id);
      const title = !group ? g.role : g.role === "tutor" ? l.tutor : g.role === "leader" ? (lang === "sv" ? group.leader_title_sv : group.leader_title_en) : lang === "sv" ? group.sender_title_sv : group.sender_title_en;
      return { id: g.id, name: g.name, role: g.role, roleTitle: title, isOwner: g.owner_id === userId, since: g.created_at };
    }),
  };
  const surveyItems = surveys.map((s) => ({ survey: s.title, anonymous: s.is_anonymous, submittedAt: s.submitted_at, edited: s.updated_at !== s.submitted_at, updatedAt: s.updated_at, answers: s.answers }));

  await zip.add(json(profileItem), "data/profile.json");
  await zip.add(json(memberships), "data/memberships.json");
  await zip.addText(jsonArray(loopItemPages(db, view, lang)), "data/loops.json");
  await zip.addText(jsonArray(myCommentPages(db, userId, orgId)), "data/comments.json");
  await zip.add(json(surveyItems), "data/survey-answers.json");
  if (personal) {
    await zip.add(json(personal.sessions.map(presentSession)), "data/sessions.json");
    await zip.add(json(personal.signInLinks), "data/sign-in-links.json");
    await zip.add(json(personal.notificationPreferences), "data/notification-preferences.json");
    await zip.add(json(personal.consents), "data/consents.json");
    await zip.add(json(personal.crashReports), "data/crash-reports.json");
  }
  for await (const page of attachmentPages(db, view)) {
    for (const { loopId, attachment } of page) await addBlob(ctx, zip, attachment.blob_key, attachmentPath(loopId, attachment));
  }

  const made = `${l.created}: ${formatInstant(lang, ctx.clock().toISOString())}`;
  await zip.addText(
    (async function* () {
      yield pageStart(lang, l.title, own ? l.intro : l.memberIntro, made);
      yield `<section><h2>${esc(l.profile)}</h2>`;
      yield facts([
        [l.name, profile.name],
        [l.email, profile.email],
        [l.language, profile.language],
        [l.accountCreated, formatInstant(lang, profile.created_at)],
      ]);
      if (hasPicture) yield `<p><img src="${PICTURE_PATH}" alt="${esc(l.picture)}" width="128" height="128"></p>`;
      yield `</section><section><h2>${esc(l.memberships)}</h2>`;
      yield list(
        [
          ...memberships.organisations.map((o) => [o.name, o.isAdmin ? l.admin : null, o.isGroupCreator ? l.groupCreator : null].filter(Boolean).join(" · ")),
          ...memberships.groups.map((g) => `${g.name} · ${g.roleTitle}`),
        ],
        l,
      );
      yield `</section><section><h2>${esc(l.loops)}</h2>`;
      yield* loopsHtml(loopItemPages(db, view, lang), lang);
      yield `</section><section><h2>${esc(l.myComments)}</h2>`;
      let any = false;
      for await (const page of myCommentPages(db, userId, orgId)) {
        for (const c of page) {
          any = true;
          yield `<article><p class="meta">${esc(`${c.group} (${c.organisation}) · ${formatInstant(lang, c.at)}${c.edited ? ` · ${l.edited}` : ""}`)}</p><p class="text">${esc(c.text)}</p></article>`;
        }
      }
      if (!any) yield `<p>${esc(l.none)}</p>`;
      yield `</section><section><h2>${esc(l.surveys)}</h2>`;
      if (surveyItems.length === 0) yield `<p>${esc(l.none)}</p>`;
      for (const s of surveyItems) {
        yield `<article><h3>${esc(s.survey)}</h3><p class="meta">${esc(formatInstant(lang, s.updatedAt))}${s.edited ? ` · ${esc(l.edited)}` : ""}</p>`;
        yield facts(s.answers.map((a) => [a.prompt, answerText(a)] as const));
        yield "</article>";
      }
      yield "</section>";
      if (personal) {
        yield `<section><h2>${esc(l.sessions)}</h2>`;
        yield list(personal.sessions.map((s) => `${[s.browser, s.browser_version].filter(Boolean).join(" ")} · ${[s.os, s.os_version].filter(Boolean).join(" ")} · ${l.lastSeen}: ${formatInstant(lang, s.last_seen_at)}`), l);
        yield `</section><section><h2>${esc(l.signInLinks)}</h2>`;
        yield list(personal.signInLinks.map((i) => `${i.provider} · ${i.email ?? "—"} · ${l.linked}: ${formatInstant(lang, i.linkedAt)}`), l);
        yield `</section><section><h2>${esc(l.consents)}</h2>`;
        yield list(personal.consents.map((c) => `${l.version} ${formatInstant(lang, c.versionPublishedAt, true)} · ${l.accepted}: ${formatInstant(lang, c.at)} (${c.how})`), l);
        yield `</section><section><h2>${esc(l.notificationPreferences)}</h2>`;
        yield list(personal.notificationPreferences.map((p) => `${p.kind}: ${p.delivery}`), l);
        yield `</section><section><h2>${esc(l.crashReports)}</h2><p>${esc(personal.crashReports.enabled ? l.crashOn : l.crashOff)}</p></section>`;
      }
      yield pageEnd;
    })(),
    "index.html",
  );
}

/** A session as exported: its device and times, never its token. */
function presentSession(s: Awaited<ReturnType<typeof sessionsOf>>[number]) {
  return {
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    browser: s.browser,
    browserVersion: s.browser_version,
    os: s.os,
    osVersion: s.os_version,
    deviceType: s.device_type,
    signInMethod: s.sign_in_method,
  };
}

/** A survey answer in words: the chosen options' labels, the scale value or the text. */
function answerText(a: { kind: string; options: string[]; answer: unknown }): string {
  if (a.answer === null || a.answer === undefined) return "—";
  if (Array.isArray(a.answer)) return a.answer.map((i) => a.options[Number(i)] ?? String(i)).join(", ");
  if (a.kind === "single" && typeof a.answer === "number") return a.options[a.answer] ?? String(a.answer);
  return String(a.answer);
}

/** The loops as articles, page by page. */
async function* loopsHtml(pages: AsyncIterable<LoopItem[]>, lang: Language): AsyncGenerator<string> {
  const l: Labels = LABELS[lang];
  let any = false;
  for await (const page of pages) {
    for (const loop of page) {
      any = true;
      const when = loop.sentAt.length === 10 ? formatInstant(lang, loop.sentAt, true) : formatInstant(lang, loop.sentAt);
      const meta = [
        loop.sender === undefined ? null : (loop.sender ?? l.anonymousSender),
        `${loop.group} (${loop.organisation})`,
        when,
        `${loop.emoji}/5 ${loop.emojiLabel}`,
        loop.anonymous ? l.anonymous : null,
        loop.edited ? l.edited : null,
        loop.approved ? l.approved : null,
      ].filter(Boolean);
      yield `<article><p class="meta">${esc(meta.join(" · "))}</p>`;
      if (loop.task) yield `<p><strong>${esc(l.task)}:</strong> ${esc(loop.task)}</p>`;
      if (loop.tags.length > 0) yield `<p><strong>${esc(l.tags)}:</strong> ${esc(loop.tags.join(", "))}</p>`;
      yield `<p class="text">${esc(loop.text)}</p>`;
      if (loop.attachments.length > 0) yield `<p><strong>${esc(l.files)}:</strong> ${loop.attachments.map((a) => fileLink(a.file, a.name)).join(", ")}</p>`;
      for (const c of loop.comments) {
        yield `<blockquote><p class="meta">${esc([c.author, c.at.length === 10 ? formatInstant(lang, c.at, true) : formatInstant(lang, c.at), c.edited ? l.edited : null].filter(Boolean).join(" · "))}</p><p class="text">${esc(c.text)}</p></blockquote>`;
      }
      yield "</article>";
    }
  }
  if (!any) yield `<p>${esc(l.noLoops)}</p>`;
}

async function fillGroup(ctx: AppContext, row: DataExportRow, zip: ZipWriter): Promise<void> {
  const { db } = ctx;
  const lang = row.language;
  const l = LABELS[lang];
  const access = await loadGroupAccess(db, row.group_id!, row.requested_by);
  if (!access) throw new Error("export group is gone");
  const { group } = access;
  const view: View = { kind: "group", group };
  const owner = { userId: row.requested_by, sessionId: "", isInstanceAdmin: false };
  const [{ tasks, tags }, posts, surveys, timeZone] = await Promise.all([
    groupTasksOf(db, group),
    groupPostsOf(db, group),
    groupSurveyResultsOf(db, owner, access, ctx.clock()),
    organisationTimeZone(db, group.organisation_id),
  ]);

  const groupItem = {
    id: group.id,
    name: group.name,
    organisation: access.organisationName,
    description: group.description,
    type: group.type,
    roleTitles: { leader: lang === "sv" ? group.leader_title_sv : group.leader_title_en, sender: lang === "sv" ? group.sender_title_sv : group.sender_title_en },
    createdAt: group.created_at,
  };
  const taskItems = tasks.map((t) => ({ id: t.id, title: t.title, instructions: t.instructions, published: t.is_published, publishedAt: t.published_at, dueAt: t.due_at }));
  const postItems = posts.map(({ post, attachments }) => ({
    id: post.id,
    title: post.title,
    body: post.body,
    createdAt: post.created_at,
    edited: post.edited_at !== null,
    editedAt: post.edited_at,
    attachments: attachments.map((a) => ({ name: a.name, mime: a.mime, size: a.size, file: postFilePath(post.id, a) })),
  }));
  const surveyItems = surveys.map(({ survey, questions, results }) => ({
    id: survey.id,
    title: survey.title,
    anonymous: survey.is_anonymous,
    questions: questions.map((q) => ({ prompt: q.prompt, kind: q.kind, options: JSON.parse(q.options) as string[] })),
    results,
  }));

  await zip.add(json(groupItem), "data/group.json");
  await zip.add(json({ tasks: taskItems, tags: tags.map((t) => ({ id: t.id, name: t.name, archived: t.is_archived })) }), "data/tasks.json");
  await zip.addText(jsonArray(loopItemPages(db, view, lang)), "data/loops.json");
  // The same spreadsheet the group's loop export gives, over all its days.
  await zip.add(csvStream(exportRows(db, group, { from: "0001-01-01", to: "9999-12-31", timeZone }, lang, row.requested_by)), "data/loops.csv");
  await zip.add(json(postItems), "data/posts.json");
  await zip.add(json(surveyItems), "data/surveys.json");
  for await (const page of attachmentPages(db, view)) {
    for (const { loopId, attachment } of page) await addBlob(ctx, zip, attachment.blob_key, attachmentPath(loopId, attachment));
  }
  for (const { post, attachments } of posts) for (const a of attachments) await addBlob(ctx, zip, a.blob_key, postFilePath(post.id, a));

  const made = `${l.created}: ${formatInstant(lang, ctx.clock().toISOString())}`;
  await zip.addText(
    (async function* () {
      yield pageStart(lang, `${l.groupTitle}: ${group.name}`, l.groupIntro, made);
      yield `<section><h2>${esc(l.tasks)}</h2>`;
      yield list(taskItems.map((t) => t.title), l);
      yield `</section><section><h2>${esc(l.loops)}</h2>`;
      yield* loopsHtml(loopItemPages(db, view, lang), lang);
      yield `</section><section><h2>${esc(l.posts)}</h2>`;
      if (postItems.length === 0) yield `<p>${esc(l.none)}</p>`;
      for (const p of postItems) {
        yield `<article><h3>${esc(p.title)}</h3><p class="meta">${esc(formatInstant(lang, p.createdAt))}${p.edited ? ` · ${esc(l.edited)}` : ""}</p><p class="text">${esc(p.body)}</p>`;
        if (p.attachments.length > 0) yield `<p>${p.attachments.map((a) => fileLink(a.file, a.name)).join(", ")}</p>`;
        yield "</article>";
      }
      yield `</section><section><h2>${esc(l.groupSurveys)}</h2>`;
      if (surveyItems.length === 0) yield `<p>${esc(l.none)}</p>`;
      for (const s of surveyItems) {
        yield `<article><h3>${esc(s.title)}</h3><p class="meta">${esc(`${l.respondents}: ${s.results.respondentCount}`)}</p>`;
        if (s.results.hidden) yield `<p>${esc(l.hiddenResults)}</p>`;
        yield "</article>";
      }
      yield "</section>";
      yield pageEnd;
    })(),
    "index.html",
  );
}
