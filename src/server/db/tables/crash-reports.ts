/** The tables of the crash-reports module (issue 7), created by migration 0009_crash_reports. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CrashReportsTables {}
