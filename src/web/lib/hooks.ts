/** Small hooks the pages share. */
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useOutletContext } from "react-router";
import { useTranslation } from "react-i18next";
import { getMe } from "../api/accounts.js";
import type { User } from "../../shared/schemas/accounts.js";
import { meKey } from "./queryClient.js";
import { endClientSession } from "./session.js";

/** The signed-in user (null for a visitor, undefined while loading). */
export function useMe() {
  return useQuery<User | null>({ queryKey: meKey, queryFn: getMe });
}

/**
 * The signed-in user, for pages behind RequireUser. It comes from the guard's render, so a page
 * never sees a half-signed-out state.
 */
export function useUser(): User {
  return useOutletContext<User>();
}

/** Returns a function that signs out and wipes this browser's copy of everything. */
export function useSignOut(): (options?: { callServer?: boolean }) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (options) =>
    endClientSession(queryClient, navigate, {
      callServer: options?.callServer ?? true,
      notice: "signedOut",
    });
}

/** Sets the document title to "<page> – Openloop". */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t("app.pageTitle", { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** Sets the document title to "<section> – <organisation or group> – Openloop". */
export function useSectionTitle(section: string, owner: string): void {
  usePageTitle(`${section} – ${owner}`);
}
