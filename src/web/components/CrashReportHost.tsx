/** Shows the crash-report question when a crash is waiting for an answer (mounted once, in main.tsx). */
import { lazy, Suspense } from "react";
import { usePendingCrashReport } from "../lib/crashReports.js";

const CrashReportDialog = lazy(() => import("./CrashReportDialog.js"));

export function CrashReportHost() {
  const report = usePendingCrashReport();
  if (!report) return null;
  return (
    <Suspense fallback={null}>
      <CrashReportDialog report={report} />
    </Suspense>
  );
}
