/**
 * Crash reports, only with consent (the privacy policy: "you are asked to actively approve if you
 * wish to send us this information"). Errors are caught from the route error boundary,
 * `window.onerror` and unhandled promise rejections. A signed-in person who turned on "send crash
 * reports" in their profile has them sent without a question (consent `setting`); everyone else
 * is asked in a dialog that shows exactly what would be sent (consent `once`), and nothing leaves
 * the browser unless they approve. The report is scrubbed here (so the dialog shows what is sent)
 * and again by the server.
 */
import { useSyncExternalStore } from "react";
import type { QueryClient } from "@tanstack/react-query";
import { matchRoutes, type RouteObject } from "react-router";
import { CRASH_MESSAGE_MAX_LENGTH, CRASH_STACK_MAX_LENGTH, routePattern, scrubCrashText } from "../../shared/crash-reports.js";
import { ApiError } from "../api/client.js";
import { crashReportSettingKey, getCrashReportSetting, sendCrashReport, type CreateCrashReportBody } from "../api/crashReports.js";
import { APP_VERSION } from "./appVersion.js";
import { meKey } from "./queryClient.js";

export type CrashSource = CreateCrashReportBody["source"];
/** A report waiting for the person's answer: exactly what would be sent, but for the consent. */
export type PendingCrashReport = Omit<CreateCrashReportBody, "consent">;

/** A page that keeps failing is reported a few times, not forever. */
const MAX_REPORTS_PER_PAGE = 5;

let routes: readonly RouteObject[] = [];
let queryClient: QueryClient | null = null;
let pending: PendingCrashReport | null = null;
/** Errors already handled on this page (sent, asked about or declined): each is handled once. */
const handled = new Set<string>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

/** Starts catching crashes (main.tsx): uncaught errors and unhandled rejections of the whole page. */
export function installCrashReporting(options: { routes: readonly RouteObject[]; queryClient: QueryClient }): void {
  routes = options.routes;
  queryClient = options.queryClient;
  window.addEventListener("error", (event) => {
    // "Script error." is all a browser tells of another origin's script (an extension): nothing of ours.
    if (!event.error && (!event.message || event.message === "Script error.")) return;
    captureCrash(event.error ?? event.message, "error");
  });
  window.addEventListener("unhandledrejection", (event) => captureCrash(event.reason, "rejection"));
}

/** The page's route as its pattern (`/groups/:groupId/tasks`), never the ids or codes in the address. */
function currentRoute(): string {
  const matches = matchRoutes([...routes], window.location.pathname) ?? [];
  const pattern = matches
    .map((match) => match.route.path ?? "")
    .filter(Boolean)
    .join("/");
  return routePattern(`/${pattern}`);
}

/** Not crashes: the server's refusals (shown where they happen), cancelled requests, a benign browser notice. */
function isNoCrash(error: unknown): boolean {
  if (error instanceof ApiError) return true;
  if (error instanceof DOMException && error.name === "AbortError") return true;
  return error instanceof Error ? /^ResizeObserver loop/.test(error.message) : /^ResizeObserver loop/.test(String(error));
}

/** What a report of this error would carry, scrubbed. */
export function describeCrash(error: unknown, source: CrashSource): PendingCrashReport {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === "string" ? error : `Non-error value thrown (${typeof error})`;
  const stack = error instanceof Error && error.stack ? scrubCrashText(error.stack, CRASH_STACK_MAX_LENGTH) : null;
  return { source, message: scrubCrashText(message, CRASH_MESSAGE_MAX_LENGTH), stack, appVersion: APP_VERSION, route: currentRoute() };
}

/** Reports a crash: sent at once with the standing consent, otherwise asked about (one question at a time). */
export function captureCrash(error: unknown, source: CrashSource): void {
  try {
    if (isNoCrash(error)) return;
    const report = describeCrash(error, source);
    const key = `${report.message}\n${report.route}`;
    if (handled.has(key) || handled.size >= MAX_REPORTS_PER_PAGE) return;
    handled.add(key);
    void decide(report);
  } catch {
    // Reporting must never become a crash of its own.
  }
}

async function decide(report: PendingCrashReport): Promise<void> {
  if (queryClient?.getQueryData(meKey)) {
    let enabled = false;
    try {
      enabled = await queryClient.fetchQuery({ queryKey: crashReportSettingKey, queryFn: getCrashReportSetting, staleTime: 60_000 });
    } catch {
      // Unknown: ask.
    }
    if (enabled) {
      await sendCrashReport({ ...report, consent: "setting" }).catch(() => undefined);
      return;
    }
  }
  // One question at a time; what happens meanwhile is not asked about.
  if (pending) return;
  pending = report;
  changed();
}

/** The person's answer to the dialog: send this one report, or not. */
export async function answerCrashReport(send: boolean): Promise<void> {
  const report = pending;
  pending = null;
  changed();
  if (send && report) await sendCrashReport({ ...report, consent: "once" }).catch(() => undefined);
}

/** Forgets reports waiting for an answer and what was handled (sign-out: nothing of the session stays in memory). */
export function forgetCrashReports(): void {
  pending = null;
  handled.clear();
  changed();
}

/** The report the dialog asks about, or null. */
export function usePendingCrashReport(): PendingCrashReport | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}
