/**
 * Starting a sign-in at the provider (issue 8): the "Sign in with Google" button under the
 * password form, and the hook the profile and the delete-account page use to link or to confirm
 * it is you. The API answers the provider's address; the browser leaves for it and comes back
 * through the server's callback.
 */
import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { LogIn } from "lucide-react";
import type { OidcIntent } from "../../shared/schemas/identities.js";
import { ApiError } from "../api/client.js";
import { getSignInMethods, signInMethodsKey, startProviderSignIn } from "../api/identities.js";
import { currentLanguage } from "../i18n/index.js";
import { errorMessage } from "../lib/formErrors.js";
import "../styles/sign-in-methods.css";

/** What this server offers; the provider's button shows only when one is configured. */
export function useSignInMethods() {
  return useQuery({ queryKey: signInMethodsKey, queryFn: getSignInMethods, staleTime: 5 * 60_000 });
}

/** Why starting at the provider failed, in words about the provider rather than about Openloop. */
export function providerErrorMessage(t: TFunction, error: unknown, provider: string): string {
  if (error instanceof ApiError && error.status === 503) return t("identities.start.unavailable", { provider });
  if (error instanceof ApiError && error.status === 404) return t("identities.start.notOffered", { provider });
  return errorMessage(t, error);
}

/**
 * Starts at the provider and leaves for it. `busy` stays true until the browser has gone, and
 * turns false again when the person comes back with the Back button (the page is restored from
 * the browser's cache as it was).
 */
export function useProviderStart(options: { intent: OidcIntent; returnTo?: string; onError: (error: unknown) => void }) {
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener("pageshow", restored);
    return () => window.removeEventListener("pageshow", restored);
  }, []);
  const mutation = useMutation({
    mutationFn: startProviderSignIn,
    onSuccess: (url) => {
      setLeaving(true);
      window.location.assign(url);
    },
    onError: options.onError,
  });
  const busy = mutation.isPending || leaving;
  return {
    busy,
    start: () => {
      if (busy) return;
      mutation.mutate({
        intent: options.intent,
        ...(options.returnTo ? { returnTo: options.returnTo } : {}),
        language: currentLanguage(),
      });
    },
  };
}

/**
 * "or", then "Sign in with Google" (or "Sign up with…": the server decides which it becomes). Shown
 * only when a provider is configured. Errors go to the page's own alert region through `onError`.
 */
export function ProviderSignIn(props: {
  wording: "signIn" | "signUp";
  returnTo?: string | null;
  onStart: () => void;
  onError: (error: unknown, provider: string) => void;
}) {
  const { t } = useTranslation();
  const methods = useSignInMethods();
  const provider = methods.data?.oidc.name ?? "";
  const { busy, start } = useProviderStart({
    intent: "sign_in",
    // The page a join or invitation link was headed for (the API takes paths up to 500 characters).
    ...(props.returnTo && props.returnTo.length <= 500 ? { returnTo: props.returnTo } : {}),
    onError: (error) => props.onError(error, provider),
  });
  if (!methods.data?.oidc.enabled) return null;
  return (
    <div className="provider-sign-in">
      <p className="or-divider">{t("identities.or")}</p>
      <button
        type="button"
        className="button"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (busy) return;
          props.onStart();
          start();
        }}
      >
        <LogIn size={18} aria-hidden="true" />
        {busy ? t("identities.start.opening", { provider }) : t(`identities.${props.wording}With`, { provider })}
      </button>
    </div>
  );
}
