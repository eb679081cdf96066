/**
 * Crash reports (issue 7): the web app's report of an error, sent only with the person's consent,
 * and their standing choice. The server validates with these and builds the OpenAPI document.
 */
import { z } from "zod";
import { CRASH_MESSAGE_MAX_LENGTH, CRASH_ROUTE_MAX_LENGTH, CRASH_STACK_MAX_LENGTH } from "../crash-reports.js";
import { Id } from "./accounts.js";

/** A request body larger than this is refused with 413 before it is read. */
export const CRASH_REPORT_MAX_BYTES = 32 * 1024;

export const CRASH_CONSENTS = ["setting", "once"] as const;
export const CrashConsent = z.enum(CRASH_CONSENTS).meta({
  description: "Why this report may be sent: `setting` — the person chose to send reports (needs the stored setting on); `once` — they approved this one report.",
});
export const CRASH_SOURCES = ["boundary", "error", "rejection"] as const;

/** Text the server scrubs again and cuts to its limit (a longer one is kept cut, not refused). */
const text = (max: number) => z.string().max(max * 4);

export const CreateCrashReportBody = z.object({
  /** The consent this report is sent under. */
  consent: CrashConsent,
  /** Where it was caught: the page's error boundary, `window.onerror` or an unhandled promise rejection. */
  source: z.enum(CRASH_SOURCES),
  message: text(CRASH_MESSAGE_MAX_LENGTH).meta({ description: "The error's name and message." }),
  stack: text(CRASH_STACK_MAX_LENGTH).nullish().meta({ description: "The stack, if the browser gave one." }),
  appVersion: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.+-]+$/).meta({ description: "The web app's version." }),
  route: z.string().min(1).max(CRASH_ROUTE_MAX_LENGTH * 2).meta({ description: "The page's route as a pattern, ids replaced (`/groups/:groupId/tasks`)." }),
});
export type CreateCrashReportBody = z.infer<typeof CreateCrashReportBody>;

export const CrashReport = z
  .object({
    id: Id,
    receivedAt: z.string(),
    consent: CrashConsent,
    source: z.enum(CRASH_SOURCES),
    message: z.string(),
    stack: z.string().nullable(),
    appVersion: z.string(),
    route: z.string(),
    device: z.object({
      os: z.string().nullable(),
      osVersion: z.string().nullable(),
      browser: z.string().nullable(),
      browserVersion: z.string().nullable(),
      deviceType: z.string().nullable(),
    }),
  })
  .meta({ id: "CrashReport" });
export type CrashReport = z.infer<typeof CrashReport>;

export const CrashReportSummary = CrashReport.omit({ stack: true }).meta({ id: "CrashReportSummary" });
export type CrashReportSummary = z.infer<typeof CrashReportSummary>;

export const CrashReportsQuery = z.object({
  cursor: z.string().max(200).optional().meta({ description: "The previous page's nextCursor." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CrashReportPage = z.object({
  reports: z.array(CrashReportSummary),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null at the end." }),
});
export type CrashReportPage = z.infer<typeof CrashReportPage>;
export const CrashReportParams = z.object({ reportId: Id });
export const CrashReportEnvelope = z.object({ report: CrashReport });

export const CrashReportSetting = z.object({
  enabled: z.boolean().meta({ description: "Send crash reports without asking each time. Off until the person turns it on." }),
});
export type CrashReportSetting = z.infer<typeof CrashReportSetting>;
