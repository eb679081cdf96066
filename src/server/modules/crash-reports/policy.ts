/**
 * Who may read crash reports: instance administrators, who run the program. Anyone else gets 404
 * as if there were none: a report is about the instance, not about an organisation.
 */
import { definePolicy } from "../../policies/index.js";

/** The instance's crash reports (one report, or all of them for the list). */
export interface CrashReportsResource {
  id: string | null;
}

export const crashReportPolicy = definePolicy<CrashReportsResource, "read">("crash_report", ["read"], (r) => ({ id: r.id, organisationId: null }));

crashReportPolicy.allow("read", (actor) => actor.isInstanceAdmin);
