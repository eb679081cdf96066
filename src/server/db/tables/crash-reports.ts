/** The tables of the crash-reports module (issue 7), created by migration 0009_crash_reports. */
import type { Timestamp } from "../types.js";

export interface CrashReportSettingsTable {
  user_id: string;
  /** Send reports without asking each time; off unless the person turned it on. */
  reports_enabled: boolean;
  updated_at: Timestamp;
}

/** One report of the web app's crash. Names no one: no user, organisation or address. */
export interface CrashReportsTable {
  id: string;
  received_at: Timestamp;
  consent: "setting" | "once";
  source: "boundary" | "error" | "rejection";
  /** Scrubbed by the server (shared/crash-reports.ts) before it is stored. */
  message: string;
  stack: string | null;
  app_version: string;
  /** The route as a pattern, ids replaced. */
  route: string;
  /** From the User-Agent (and its client hints), as for sessions (auth/device.ts). */
  os: string | null;
  os_version: string | null;
  browser: string | null;
  browser_version: string | null;
  device_type: string | null;
}

export interface CrashReportsTables {
  crash_report_settings: CrashReportSettingsTable;
  crash_reports: CrashReportsTable;
}
