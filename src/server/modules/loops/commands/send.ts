import { randomUUID } from "node:crypto";
import type { AppContext, CommandBase } from "../../../app.js";
import type { AttachmentRow, LoopRow, LoopTagsTable, TagRow } from "../../../db/types.js";
import { badRequest } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { compiledOnce } from "../../../db/compiled.js";
import { newBlobKey, type BlobStore } from "../../../storage/blob-store.js";
import type { GroupAccess } from "../../groups/policy.js";
import { groupPolicy } from "../../groups/policy.js";
import { findTags, findTask } from "../../tasks/queries.js";
import { findOccurrence } from "../../checkins/queries.js";
import { listMemberIdsWho } from "../../groups/queries.js";
import { organisationTimeZone } from "../../organisations/queries.js";
import { announce, notify } from "../../notifications/notify.js";
import type { ProcessedAttachment } from "../attachments.js";
import { listingOf } from "../listing.js";
import type { LoopDetails } from "../queries.js";
import { countLoopActivity } from "./activity.js";
import { auditLoop, dayOf } from "./audit.js";

/** The busiest write of the product: compiled once (db/compiled.ts), every column a parameter. */
const LOOP_COLUMNS = [
  "id", "organisation_id", "group_id", "sender_id", "task_id", "emoji", "text", "is_anonymous", "created_at",
  "listed_at", "listed_on", "edited_at", "approved_at", "approved_by", "comment_count", "last_comment_at", "is_answered",
  "answered_at", "checkin_occurrence_id",
] as const satisfies readonly (keyof LoopRow)[];
// A column added to loops must be added above, or this line stops compiling.
const _everyLoopColumn: [Exclude<keyof LoopRow, (typeof LOOP_COLUMNS)[number]>] extends [never] ? true : never = true;
const insertLoopRow = compiledOnce(LOOP_COLUMNS.length, (db, ...p) =>
  db.insertInto("loops").values(Object.fromEntries(LOOP_COLUMNS.map((c, i) => [c, p[i]])) as unknown as LoopRow),
);

/** An attachment already in the blob store, waiting for its loop's row. */
export interface StoredAttachment extends Omit<ProcessedAttachment, "data" | "thumbnail"> {
  blobKey: string;
  thumbnailKey: string | null;
}

/** A loop's tag rows: each carries the loop's unchanging facts, which the statistics count by (migration 0005). */
export function loopTagRows(
  loop: Pick<LoopRow, "organisation_id" | "id" | "group_id" | "listed_on" | "sender_id" | "task_id" | "is_anonymous">,
  tagIds: readonly string[],
): LoopTagsTable[] {
  return tagIds.map((tag_id) => ({
    organisation_id: loop.organisation_id,
    loop_id: loop.id,
    tag_id,
    group_id: loop.group_id,
    listed_on: loop.listed_on,
    sender_id: loop.sender_id,
    task_id: loop.task_id,
    is_anonymous: loop.is_anonymous,
  }));
}

/** Writes a processed file (and its thumbnail) under fresh server-chosen keys. */
export async function storeAttachment(blobs: BlobStore, p: ProcessedAttachment): Promise<StoredAttachment> {
  const { data, thumbnail, ...meta } = p;
  const blobKey = newBlobKey("attachments", p.extension);
  await blobs.put(blobKey, data, p.mime);
  let thumbnailKey: string | null = null;
  if (thumbnail) {
    thumbnailKey = newBlobKey("thumbnails", "webp");
    try {
      await blobs.put(thumbnailKey, thumbnail, "image/webp");
    } catch (err) {
      await blobs.delete(blobKey);
      throw err;
    }
  }
  return { ...meta, blobKey, thumbnailKey };
}

/** The rows of stored files, in their order, with what every attachment table holds (the owner's key is the caller's). */
export function attachmentRows(files: readonly StoredAttachment[], organisationId: string, now: string): Omit<AttachmentRow, "loop_id">[] {
  return files.map((f, position) => ({
    id: randomUUID(),
    organisation_id: organisationId,
    position,
    kind: f.kind,
    mime: f.mime,
    name: f.name,
    size: f.size,
    width: f.width,
    height: f.height,
    blob_key: f.blobKey,
    thumbnail_key: f.thumbnailKey,
    created_at: now,
  }));
}

/** Removes stored files whose loop was never created (or was deleted). */
export async function discardAttachments(ctx: AppContext, files: readonly Pick<StoredAttachment, "blobKey" | "thumbnailKey">[]): Promise<void> {
  for (const f of files) {
    for (const key of [f.blobKey, f.thumbnailKey]) {
      if (key) await ctx.blobs.delete(key).catch((err: unknown) => ctx.log.error({ err, key }, "could not delete a blob"));
    }
  }
}

export interface SendLoopInput extends CommandBase {
  actor: Actor;
  access: GroupAccess;
  taskId: string | null;
  emoji: number;
  tagIds: string[];
  text: string;
  anonymous: boolean;
  /** The group's check-in occurrence this loop answers (a free loop), or null. */
  checkinOccurrenceId: string | null;
  /** Already stored; discarded here if the loop is refused or its transaction fails. */
  files: StoredAttachment[];
}

/**
 * Sends a loop: checks task, tags and anonymity against the group, then writes it all in one
 * transaction. Returns the row with what presenting it needs, which this command already holds
 * (no second round of reads on the busiest write of the product).
 */
export async function sendLoop(input: SendLoopInput): Promise<{ loop: LoopRow; details: Omit<LoopDetails, "cards" | "readAt"> }> {
  const { ctx, ip, actor, access, files } = input;
  try {
    const group = access.group;
    const tagIds = [...new Set(input.tagIds)];
    if (input.anonymous && input.taskId !== null) {
      throw badRequest("validation", "A report on a task cannot be anonymous; send a free loop instead.", { anonymous: "not_allowed" });
    }
    if (input.anonymous && !groupPolicy.can(actor, "sendAnonymous", access)) {
      throw badRequest("validation", "This group does not take anonymous loops.", { anonymous: "not_allowed" });
    }
    let task: { id: string; title: string } | null = null;
    if (input.taskId !== null) {
      const row = await findTask(ctx.db, group.organisation_id, group.id, input.taskId);
      if (!row?.is_published) throw badRequest("validation", "Choose a published task of this group.", { taskId: "invalid_value" });
      task = { id: row.id, title: row.title };
    }
    if (input.checkinOccurrenceId !== null) {
      if (input.taskId !== null) {
        throw badRequest("validation", "A check-in is answered with a free loop, not a report.", { checkinOccurrenceId: "not_allowed" });
      }
      const occurrence = await findOccurrence(ctx.db, group.organisation_id, group.id, input.checkinOccurrenceId);
      if (!occurrence) throw badRequest("validation", "Choose a check-in of this group.", { checkinOccurrenceId: "invalid_value" });
    }
    let tags: TagRow[] = [];
    if (tagIds.length > 0) {
      tags = await findTags(ctx.db, group.organisation_id, group.id, tagIds);
      if (tags.length !== tagIds.length || tags.some((t) => t.is_archived)) {
        throw badRequest("validation", "Choose tags of this group.", { tagIds: "invalid_value" });
      }
    }
    const now = ctx.clock().toISOString();
    // Its day is the organisation's, as it is now: a later change of time zone does not re-date it.
    const listing = listingOf(now, input.anonymous, await organisationTimeZone(ctx.db, group.organisation_id));
    const loop: LoopRow = {
      id: randomUUID(),
      organisation_id: group.organisation_id,
      group_id: group.id,
      sender_id: actor.userId,
      task_id: input.taskId,
      emoji: input.emoji,
      text: input.text,
      is_anonymous: input.anonymous,
      created_at: now,
      ...listing,
      edited_at: null,
      approved_at: null,
      approved_by: null,
      comment_count: 0,
      last_comment_at: null,
      is_answered: false,
      answered_at: null,
      checkin_occurrence_id: input.checkinOccurrenceId,
    };
    const attachments: AttachmentRow[] = attachmentRows(files, loop.organisation_id, now).map((a) => ({ ...a, loop_id: loop.id }));
    const notified = await ctx.db.transaction().execute(async (tx) => {
      await insertLoopRow(tx, ...LOOP_COLUMNS.map((c) => loop[c]));
      await countLoopActivity(tx, loop);
      if (tagIds.length > 0) {
        await tx.insertInto("loop_tags").values(loopTagRows(loop, tagIds)).execute();
      }
      if (attachments.length > 0) await tx.insertInto("attachments").values(attachments).execute();
      await auditLoop(tx, { loop, action: "loop.sent", actorId: actor.userId, ip, at: now, data: { files: files.length, report: loop.task_id !== null } });
      // Those who receive the group's loops hear of it; an anonymous sender stays unnamed, to the day.
      return notify(tx, {
        kind: "loop_created",
        organisationId: loop.organisation_id,
        groupId: loop.group_id,
        recipients: await listMemberIdsWho(tx, group, "readLoops"),
        ...(loop.is_anonymous ? { actorId: null, hiddenActorId: actor.userId, anonymous: true } : { actorId: actor.userId }),
        subject: { loopId: loop.id },
        title: task?.title ?? null,
        // An anonymous loop's item says its day (the feed shows the date of this instant) and no more.
        at: loop.is_anonymous ? dayOf(loop.listed_on) : now,
      });
    });
    ctx.realtime.publish({ type: "loop.created", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
    announce(ctx, notified);
    tags.sort((a, b) => a.position - b.position);
    return {
      loop,
      details: {
        tags: new Map([[loop.id, tags]]),
        tasks: new Map(task ? [[task.id, task]] : []),
        attachments: new Map([[loop.id, attachments]]),
      },
    };
  } catch (err) {
    await discardAttachments(ctx, files);
    throw err;
  }
}
