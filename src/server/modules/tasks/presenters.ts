/** The only place that shapes tasks, tags and content packages for output. */
import type { Actor } from "../../policies/index.js";
import type { ContentPackageRow } from "../../db/types.js";
import { PackageContent, type ContentPackage, type Tag, type Task, type TaskState } from "../../../shared/schemas/tasks.js";
import type { BuiltinPackage } from "./library/index.js";
import { packagePolicy, tagPolicy, taskPolicy, type PackageAccess, type TagAccess, type TaskAccess } from "./policy.js";

/** What a task's reader sees besides the task: their own state (senders) or the group's progress (leaders). */
export interface TaskFacts {
  myState: TaskState | null;
  progress: { sent: number; approved: number; senders: number } | null;
}

export function presentTask(actor: Actor, t: TaskAccess, facts: TaskFacts): Task {
  const { read: _read, ...abilities } = taskPolicy.abilities(actor, t);
  const row = t.task;
  return {
    id: row.id,
    groupId: row.group_id,
    title: row.title,
    instructions: row.instructions,
    position: row.position,
    published: row.is_published,
    dueAt: row.due_at,
    publishedAt: row.published_at,
    myState: facts.myState,
    progress: facts.progress,
    abilities,
  };
}

export function presentTag(actor: Actor, t: TagAccess, usage: number | null): Tag {
  const { read: _read, ...abilities } = tagPolicy.abilities(actor, t);
  const row = t.tag;
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    colour: (row.colour as Tag["colour"]) ?? null,
    position: row.position,
    archived: row.is_archived,
    usage,
    abilities,
  };
}

export function presentOrgPackage(actor: Actor, p: PackageAccess): ContentPackage {
  return {
    id: p.pkg.id,
    source: "organisation",
    organisationId: p.pkg.organisation_id,
    language: p.pkg.language,
    name: p.pkg.name,
    description: p.pkg.description,
    content: parsePackageContent(p.pkg),
    abilities: { delete: packagePolicy.can(actor, "delete", p) },
  };
}

export function presentBuiltinPackage(pkg: BuiltinPackage): ContentPackage {
  return { ...pkg, source: "builtin", organisationId: null, abilities: { delete: false } };
}

/** A stored package's content; validated when saved, parsed again so a bad row cannot reach a group. */
export function parsePackageContent(row: ContentPackageRow): PackageContent {
  return PackageContent.parse(JSON.parse(row.content));
}
