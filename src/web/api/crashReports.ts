/** The crash-reports API: one function per endpoint, typed with the shared zod schemas. */
import type { CrashReport, CrashReportPage, CrashReportSetting, CreateCrashReportBody } from "../../shared/schemas/crash-reports.js";
import { apiRequest } from "./client.js";

export type { CrashReport, CrashReportPage, CreateCrashReportBody };

export const crashReportSettingKey = ["me", "crash-report-setting"] as const;
export const crashReportsKey = ["crash-reports"] as const;
export const crashReportKey = (id: string) => ["crash-reports", id] as const;

export function sendCrashReport(report: CreateCrashReportBody): Promise<void> {
  return apiRequest<void>("POST", "/crash-reports", { json: report });
}

export async function getCrashReportSetting(): Promise<boolean> {
  return (await apiRequest<CrashReportSetting>("GET", "/me/crash-report-setting")).enabled;
}

export async function setCrashReportSetting(enabled: boolean): Promise<boolean> {
  return (await apiRequest<CrashReportSetting>("PUT", "/me/crash-report-setting", { json: { enabled } })).enabled;
}

/** Reports newest first (instance administrators); `cursor` from the previous page. */
export function listCrashReports(cursor?: string): Promise<CrashReportPage> {
  return apiRequest<CrashReportPage>("GET", `/crash-reports${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
}

export async function getCrashReport(id: string): Promise<CrashReport> {
  return (await apiRequest<{ report: CrashReport }>("GET", `/crash-reports/${encodeURIComponent(id)}`)).report;
}
