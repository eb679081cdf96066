/**
 * Who may do what with tasks, tags and an organisation's content packages. Each resource carries
 * the actor's standing in its group (GroupAccess) or organisation (OrgAccess), loaded once per
 * request; the group rules themselves (manageTasks, sendLoop, read) live in groups/policy.ts.
 */
import { definePolicy, type Rule } from "../../policies/index.js";
import type { ContentPackageRow, TagRow, TaskRow } from "../../db/types.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import { orgPolicy, type OrgAccess } from "../organisations/policy.js";

export interface TaskAccess {
  access: GroupAccess;
  task: TaskRow;
  /** Some loop reports on the task: it may be unpublished, not deleted. Unknown (undefined) before the command checks. */
  inUse?: boolean | undefined;
}

export interface TagAccess {
  access: GroupAccess;
  tag: TagRow;
  /** Some loop carries the tag: it may be archived, not deleted. */
  inUse?: boolean | undefined;
}

export interface PackageAccess {
  org: OrgAccess;
  pkg: ContentPackageRow;
}

/** Leaders and tutors follow the group's progress; senders see their own state only. */
export const isLeading = (g: GroupAccess) => g.role === "leader" || g.role === "tutor";
/** Those who see drafts and archived tags: everyone who reads the group except its senders. */
const seesDrafts = (g: GroupAccess) => g.role !== "sender";

export const taskPolicy = definePolicy<TaskAccess, "read" | "update" | "delete" | "report">("task", ["read", "update", "delete", "report"], (t) => ({
  id: t.task.id,
  organisationId: t.task.organisation_id,
}));
const readsGroup: Rule<{ access: GroupAccess }> = (actor, r) => groupPolicy.can(actor, "read", r.access);
const managesTasks: Rule<{ access: GroupAccess }> = (actor, r) => groupPolicy.can(actor, "manageTasks", r.access);

// Senders see published tasks only; a draft answers them 404 like a missing task.
taskPolicy.allow("read", (actor, t) => readsGroup(actor, t) && (t.task.is_published || seesDrafts(t.access)));
taskPolicy.allow("update", managesTasks);
taskPolicy.allow("delete", (actor, t) => managesTasks(actor, t) && t.inUse !== true);
taskPolicy.allow("report", (actor, t) => t.task.is_published && groupPolicy.can(actor, "sendLoop", t.access));

export const tagPolicy = definePolicy<TagAccess, "read" | "update" | "delete">("tag", ["read", "update", "delete"], (t) => ({
  id: t.tag.id,
  organisationId: t.tag.organisation_id,
}));
// An archived tag is no longer offered to senders; leaders keep it for statistics.
tagPolicy.allow("read", (actor, t) => readsGroup(actor, t) && (!t.tag.is_archived || seesDrafts(t.access)));
tagPolicy.allow("update", managesTasks);
tagPolicy.allow("delete", (actor, t) => managesTasks(actor, t) && t.inUse !== true);

export const packagePolicy = definePolicy<PackageAccess, "read" | "delete">("content_package", ["read", "delete"], (p) => ({
  id: p.pkg.id,
  organisationId: p.pkg.organisation_id,
}));
packagePolicy.allow("read", (actor, p) => orgPolicy.can(actor, "read", p.org));
packagePolicy.allow("delete", (actor, p) => p.pkg.created_by === actor.userId);
packagePolicy.allow("delete", (_actor, p) => p.org.member?.is_admin === true);
