/** Content packages: saving a group's tasks and tags for colleagues, deleting, and copying one into a new group. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { Tx } from "../../../db/index.js";
import type { ContentPackageRow, GroupRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { PackageContent, type PackageContent as Content } from "../../../../shared/schemas/tasks.js";
import type { Language } from "../../../../shared/schemas/accounts.js";
import { listTags, listTasks } from "../queries.js";

export interface SavePackageInput extends CommandBase {
  actor: Actor;
  group: GroupRow;
  name: string;
  description: string;
  language: Language;
}

/** Saves the group's tasks (in order), its tags that are not archived and its role titles as a package of its organisation. */
export async function savePackage(input: SavePackageInput): Promise<ContentPackageRow> {
  const { ctx, ip, actor, group } = input;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const [tasks, tags] = await Promise.all([listTasks(tx, group.organisation_id, group.id), listTags(tx, group.organisation_id, group.id)]);
    // Parsed through the shared schema: what is stored is exactly what a group can be made from.
    const content = PackageContent.parse({
      tasks: tasks.map((t) => ({ title: t.title, instructions: t.instructions })),
      tags: tags.filter((t) => !t.is_archived).map((t) => ({ name: t.name, colour: t.colour })),
      roleTitles: {
        leader: { en: group.leader_title_en, sv: group.leader_title_sv },
        sender: { en: group.sender_title_en, sv: group.sender_title_sv },
      },
    });
    const row: ContentPackageRow = {
      id: randomUUID(),
      organisation_id: group.organisation_id,
      name: input.name,
      description: input.description,
      language: input.language,
      content: JSON.stringify(content),
      created_by: actor.userId,
      created_at: now,
    };
    await tx.insertInto("content_packages").values(row).execute();
    await recordAudit(tx, {
      ip, action: "package.created", actorId: actor.userId, organisationId: group.organisation_id, subjectType: "content_package", subjectId: row.id,
      data: { groupId: group.id, tasks: content.tasks.length, tags: content.tags.length }, at: new Date(now),
    });
    return row;
  });
}

/** Deletes an organisation's package; groups made from it keep their copies. */
export async function deletePackage({ ctx, ip, actor, pkg }: CommandBase & { actor: Actor; pkg: ContentPackageRow }): Promise<void> {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("content_packages").where("organisation_id", "=", pkg.organisation_id).where("id", "=", pkg.id).execute();
    await recordAudit(tx, { ip, action: "package.deleted", actorId: actor.userId, organisationId: pkg.organisation_id, subjectType: "content_package", subjectId: pkg.id, at: new Date(now) });
  });
}

export interface CopyPackageInput {
  /** The new group, already inserted in this transaction. */
  group: Pick<GroupRow, "id" | "organisation_id">;
  packageId: string;
  content: Content;
  actorId: string;
  ip: string | null;
  now: string;
}

/**
 * Copies a package's tasks (as drafts, in order) and tags into a group, inside the caller's
 * transaction (createGroup's): the group and its content are made together or not at all.
 * Role titles are the caller's to apply (it knows whether the creator chose their own).
 */
export async function copyPackageIntoGroup(tx: Tx, input: CopyPackageInput): Promise<void> {
  const { group, content, now } = input;
  const base = { organisation_id: group.organisation_id, group_id: group.id };
  if (content.tasks.length > 0) {
    await tx
      .insertInto("tasks")
      .values(content.tasks.map((t, position) => ({
        ...base, id: randomUUID(), title: t.title, instructions: t.instructions, position, is_published: false, due_at: null, published_at: null, created_at: now, updated_at: now,
      })))
      .execute();
  }
  if (content.tags.length > 0) {
    await tx
      .insertInto("tags")
      .values(content.tags.map((t, position) => ({ ...base, id: randomUUID(), name: t.name, colour: t.colour, position, is_archived: false, created_at: now })))
      .execute();
  }
  await recordAudit(tx, {
    ip: input.ip, action: "group.package_copied", actorId: input.actorId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id,
    data: { packageId: input.packageId, tasks: content.tasks.length, tags: content.tags.length }, at: new Date(now),
  });
}
