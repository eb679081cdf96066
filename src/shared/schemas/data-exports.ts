/** "Download my data" (issue 7): exports as the API presents them (server and web app). */
import { z } from "zod";
import { Id } from "./accounts.js";

/** How long a finished export can be downloaded. */
export const EXPORT_VALID_HOURS = 48;
/** One export of one's own data per this many hours (and one per subject for an administrator or owner). */
export const EXPORT_INTERVAL_HOURS = 24;

export const DataExportKind = z.enum(["self", "member", "group"]).meta({ description: "My own data; a member's data in an organisation (administrators); a whole group (its owner)." });
export const DataExportStatus = z.enum(["pending", "ready", "failed", "expired"]);

export const DataExport = z
  .object({
    id: Id,
    kind: DataExportKind,
    status: DataExportStatus,
    /** Whose data (member exports): their name; a group export: the group's name; my own: null. */
    subjectName: z.string().nullable(),
    requestedAt: z.string(),
    readyAt: z.string().nullable(),
    /** Until when the download works (ISO 8601); null until ready. */
    expiresAt: z.string().nullable(),
    /** Size of the ZIP in bytes, once ready. */
    size: z.number().int().nullable(),
    /** The download path (needs the requester's session), while ready and not expired. */
    downloadUrl: z.string().nullable(),
  })
  .meta({ id: "DataExport" });
export type DataExport = z.infer<typeof DataExport>;

export const DataExportEnvelope = z.object({ export: DataExport });
export const DataExportList = z.object({
  /** The exports I requested, newest first. */
  exports: z.array(DataExport),
  /** When I may next request an export of my own data (ISO 8601); null: now. */
  nextSelfExportAt: z.string().nullable(),
});
export type DataExportList = z.infer<typeof DataExportList>;

export const DataExportParams = z.object({ exportId: Id });
export const OrgMemberParams = z.object({ orgId: Id, userId: Id });
