/**
 * Who may do what with exports. An export is read (its status, its download) by the person who
 * requested it only — with their own session: anyone else gets 404 as for a missing one. A group
 * export is for the group's owner ("each group owner has the opportunity to request this
 * information at any time"); a member's export for the organisation's administrators.
 */
import { definePolicy } from "../../policies/index.js";
import type { DataExportRow } from "../../db/tables/data-exports.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";

export const exportPolicy = definePolicy<DataExportRow, "read" | "download">("data_export", ["read", "download"], (e) => ({ id: e.id, organisationId: e.organisation_id }));
exportPolicy.allow("read", (actor, e) => e.requested_by === actor.userId);
// Whether there is anything to download (ready, within its 48 hours) the route decides: 404 otherwise.
exportPolicy.allow("download", (actor, e) => e.requested_by === actor.userId);

/** The group as a subject of an export: whoever reads the group sees it; its owner exports it. */
export const groupExportPolicy = definePolicy<GroupAccess, "read" | "export">("group_export", ["read", "export"], (g) => ({ id: g.group.id, organisationId: g.group.organisation_id }));
groupExportPolicy.allow("read", (actor, g) => groupPolicy.can(actor, "read", g));
groupExportPolicy.allow("export", (actor, g) => groupPolicy.can(actor, "exportGroup", g));
