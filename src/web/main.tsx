/** Entry point: i18n, the query client, the router, crash reporting (with consent), and the
 * watch that wipes the browser when the session ends anywhere. */
import "./zodConfig.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { QueryClientProvider } from "@tanstack/react-query";
import { CrashReportHost } from "./components/CrashReportHost.js";
import { initI18n } from "./i18n/index.js";
import { installCrashReporting } from "./lib/crashReports.js";
import { createQueryClient, meKey } from "./lib/queryClient.js";
import { clearBrowserStorage, endClientSession } from "./lib/session.js";
import { routes } from "./routes.js";
import "./styles/global.css";
import "./styles/tasks.css";
import "./styles/loops.css";

// react-aria's usePress injects a <style> tag unless one with this id exists; the CSP blocks
// inline styles, so claim the id and ship the same rule in global.css instead.
if (!document.getElementById("react-aria-pressable-style")) {
  const marker = document.createElement("meta");
  marker.id = "react-aria-pressable-style";
  document.head.append(marker);
}

initI18n();

const router = createBrowserRouter(routes);

const queryClient = createQueryClient(() => {
  void endClientSession(queryClient, router.navigate, { callServer: false, notice: "sessionEnded" });
});

// Crashes are reported only with consent: a standing choice in the profile, or a yes when asked.
installCrashReporting({ routes, queryClient });

// When GET /me turns from a user into "no session" (expired or revoked elsewhere), wipe too.
let signedInUserId: string | null = null;
let visitorChecked = false;
queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== "updated" || event.query.queryHash !== JSON.stringify(meKey)) return;
  if (event.action.type !== "success") return;
  const data = event.query.state.data as { id: string } | null | undefined;
  if (data) {
    signedInUserId = data.id;
  } else if (signedInUserId !== null) {
    signedInUserId = null;
    void endClientSession(queryClient, router.navigate, { callServer: false, notice: "sessionEnded" });
  } else if (!visitorChecked) {
    // A page opened after a session ended while no tab of ours was open (expired, revoked from
    // another device) may find that session's leftovers; a visitor's browser holds nothing of ours.
    visitorChecked = true;
    void clearBrowserStorage();
  }
});

// A page restored from the back/forward cache still holds the state it had when left — maybe
// from before a sign-out in a later page. Ask the server again; "no session" wipes it.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) void queryClient.invalidateQueries({ queryKey: meKey });
});

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <CrashReportHost />
    </QueryClientProvider>
  </StrictMode>,
);
