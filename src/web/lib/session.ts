/**
 * Ending the client side of a session. The privacy promise: after sign-out nothing of the user
 * remains in this browser — no cached API data, no Web Storage, no IndexedDB, no Cache Storage,
 * and the interface language falls back to the browser's.
 */
import type { QueryClient } from "@tanstack/react-query";
import * as api from "../api/accounts.js";
import { resetLanguageToBrowser } from "../i18n/index.js";
import { forgetCrashReports } from "./crashReports.js";
import { discardAllDrafts } from "./loopDrafts.js";
import { meKey } from "./queryClient.js";

/** Why the sign-in page is shown; it tells the person what happened. */
export type SignInNotice = "signedOut" | "sessionEnded" | "passwordReset";

export type Navigate = (to: string, options: { replace: true; state: { notice: SignInNotice } }) => unknown;

let ending: Promise<void> | null = null;

/**
 * True while a session is being ended. The route guards then stand still instead of
 * redirecting on their own, so the one navigation to /sign-in (with its notice) wins.
 */
export function isEndingSession(): boolean {
  return ending !== null;
}

/**
 * Signs out (optionally telling the server first), wipes every client-side store and shows the
 * sign-in page. Concurrent calls share one run.
 */
export function endClientSession(
  queryClient: QueryClient,
  navigate: Navigate,
  options: { callServer: boolean; notice: SignInNotice; to?: string },
): Promise<void> {
  ending ??= (async () => {
    if (options.callServer) {
      try {
        await api.signOut();
      } catch {
        // The local wipe must happen even when the server can't be reached.
      }
    }
    await queryClient.cancelQueries();
    // The header switches to the visitor view at once; the guards wait for the navigation.
    queryClient.setQueryData(meKey, null);
    // Elsewhere than the sign-in page only when there is nothing to sign in to (a deleted account).
    await navigate(options.to ?? "/sign-in", { replace: true, state: { notice: options.notice } });
    queryClient.clear();
    queryClient.setQueryData(meKey, null);
    // In-memory user data outside the query cache: a crash report waiting for an answer.
    forgetCrashReports();
    await clearBrowserStorage();
    await resetLanguageToBrowser();
  })().finally(() => {
    ending = null;
  });
  return ending;
}

/** Empties Web Storage (unsent loop drafts first), deletes every IndexedDB database and every Cache Storage cache. */
export async function clearBrowserStorage(): Promise<void> {
  // Named on its own so the drafts stay gone even if the wipe below is ever narrowed.
  discardAllDrafts();
  try {
    window.localStorage.clear();
  } catch {
    // Storage can be disabled by the browser; then there is nothing to clear.
  }
  try {
    window.sessionStorage.clear();
  } catch {
    // As above.
  }
  await Promise.all([deleteIndexedDbDatabases(), deleteCaches()]);
}

async function deleteIndexedDbDatabases(): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  let databases: IDBDatabaseInfo[];
  try {
    databases = await indexedDB.databases();
  } catch {
    return;
  }
  await Promise.all(
    databases.map(
      (info) =>
        new Promise<void>((resolve) => {
          if (!info.name) {
            resolve();
            return;
          }
          const request = indexedDB.deleteDatabase(info.name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          // An open connection elsewhere delays deletion; it completes once that closes.
          request.onblocked = () => resolve();
        }),
    ),
  );
}

async function deleteCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  try {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  } catch {
    // Cache Storage is unavailable outside secure contexts.
  }
}
