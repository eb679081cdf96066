/** The only place that shapes crash reports for instance administrators. */
import type { Selectable } from "kysely";
import type { CrashReportsTable } from "../../db/tables/crash-reports.js";
import type { CrashReport, CrashReportSummary } from "../../../shared/schemas/crash-reports.js";

type Row = Omit<Selectable<CrashReportsTable>, "stack"> & { stack?: string | null };

export function presentCrashReportSummary(r: Row): CrashReportSummary {
  return {
    id: r.id,
    receivedAt: r.received_at,
    consent: r.consent,
    source: r.source,
    message: r.message,
    appVersion: r.app_version,
    route: r.route,
    device: { os: r.os, osVersion: r.os_version, browser: r.browser, browserVersion: r.browser_version, deviceType: r.device_type },
  };
}

export function presentCrashReport(r: Selectable<CrashReportsTable>): CrashReport {
  return { ...presentCrashReportSummary(r), stack: r.stack };
}
