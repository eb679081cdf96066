/** Commands on a group's tags: one verb each, one transaction, the audit event inside it. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { Tx } from "../../../db/index.js";
import type { GroupRow, TagRow } from "../../../db/types.js";
import { badRequest, conflict } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { MAX_TAGS_PER_GROUP, type TAG_COLOURS } from "../../../../shared/schemas/tasks.js";
import { isTagInUse } from "../../loops/progress.js";
import { countInGroup, nextPosition, reorder } from "../ordering.js";
import { listTags } from "../queries.js";

interface GroupCommand extends CommandBase {
  actor: Actor;
  group: GroupRow;
}
type Colour = (typeof TAG_COLOURS)[number];

const audit = (tx: Tx, c: GroupCommand, action: string, subjectId: string, now: string, data?: Record<string, string | number | boolean | null>) =>
  recordAudit(tx, { ip: c.ip, action, actorId: c.actor.userId, organisationId: c.group.organisation_id, subjectType: "tag", subjectId, at: new Date(now), ...(data ? { data } : {}) });

/** Adds a tag at the end of the group's list. */
export async function createTag(input: GroupCommand & { name: string; colour?: Colour | null | undefined }): Promise<TagRow> {
  const { ctx, group } = input;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    if ((await countInGroup(tx, "tags", group.organisation_id, group.id)) >= MAX_TAGS_PER_GROUP) {
      throw badRequest("validation", `A group holds at most ${MAX_TAGS_PER_GROUP} tags.`, { name: "too_many" });
    }
    const tag: TagRow = {
      id: randomUUID(),
      organisation_id: group.organisation_id,
      group_id: group.id,
      name: input.name,
      colour: input.colour ?? null,
      position: await nextPosition(tx, "tags", group.organisation_id, group.id),
      is_archived: false,
      created_at: now,
    };
    await tx.insertInto("tags").values(tag).execute();
    await audit(tx, input, "tag.created", tag.id, now, { groupId: group.id });
    return tag;
  });
}

export interface UpdateTagInput extends GroupCommand {
  tag: TagRow;
  name?: string | undefined;
  colour?: Colour | null | undefined;
  archived?: boolean | undefined;
}

/** Renames, recolours, archives or restores a tag. */
export async function updateTag(input: UpdateTagInput): Promise<TagRow> {
  const { ctx, tag } = input;
  const now = ctx.clock().toISOString();
  const changes: Partial<TagRow> = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.colour !== undefined ? { colour: input.colour } : {}),
    ...(input.archived !== undefined ? { is_archived: input.archived } : {}),
  };
  if (Object.keys(changes).length === 0) return tag;
  return ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("tags").set(changes).where("organisation_id", "=", tag.organisation_id).where("group_id", "=", tag.group_id).where("id", "=", tag.id).execute();
    await audit(tx, input, "tag.updated", tag.id, now, { fields: Object.keys(changes).join(",") });
    return { ...tag, ...changes };
  });
}

/** Deletes a tag no loop carries; one in use answers 409 in_use (archive it instead). */
export async function deleteTag(input: GroupCommand & { tag: TagRow }): Promise<void> {
  const { ctx, tag } = input;
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    if (await isTagInUse(tx, tag.organisation_id, tag.id)) {
      throw conflict("in_use", "Loops carry this tag: archive it instead of deleting it.");
    }
    await tx.deleteFrom("tags").where("organisation_id", "=", tag.organisation_id).where("group_id", "=", tag.group_id).where("id", "=", tag.id).execute();
    await audit(tx, input, "tag.deleted", tag.id, now, { groupId: tag.group_id });
  });
}

/** Gives the group's tags (archived ones too) the order of `ids`: every tag exactly once. */
export async function orderTags(input: GroupCommand & { ids: string[] }): Promise<TagRow[]> {
  const { ctx, group, ids } = input;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await reorder(tx, "tags", group.organisation_id, group.id, ids);
    await recordAudit(tx, { ip: input.ip, action: "tags.reordered", actorId: input.actor.userId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id, at: new Date(now) });
    return listTags(tx, group.organisation_id, group.id);
  });
}
