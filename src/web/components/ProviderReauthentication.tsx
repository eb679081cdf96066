/**
 * Proving it is you again at the sign-in provider (issue 8), for an account without a password:
 * before deleting the account or changing its e-mail address. Until the session has confirmed in
 * the last REAUTH_WINDOW_MS, it shows why and a "Confirm with Google" button that leaves for the
 * provider and comes back to `returnTo`; then it renders `children` with the provider's name and
 * the time until which the confirmation holds — and turns back on its own when that time passes.
 */
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LogIn } from "lucide-react";
import { REAUTH_WINDOW_MS, type MyIdentities } from "../../shared/schemas/identities.js";
import { formattingLocale } from "../lib/format.js";
import { providerErrorMessage, useProviderStart, useSignInMethods } from "./SignInWithProvider.js";

export interface Confirmed {
  provider: string;
  /** The time of day the confirmation stops holding, formatted for the person. */
  until: string;
}

/** True while the session's re-authentication at the provider holds. */
function useFreshReauthentication(at: string | null): boolean {
  const until = at ? Date.parse(at) + REAUTH_WINDOW_MS : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const left = until - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), left + 250);
    return () => clearTimeout(timer);
  }, [until]);
  return until > now;
}

export function ProviderReauthentication(props: {
  mine: MyIdentities;
  returnTo: string;
  /** Why to confirm, before the button (first time, and once an earlier confirmation ran out). */
  lead: (provider: string) => string;
  stale: (provider: string) => string;
  children: (confirmed: Confirmed) => ReactNode;
  /** Wraps the "confirm first" state (the page's card), when the page has none around it. */
  frame?: (content: ReactNode) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const methods = useSignInMethods();
  const { mine } = props;
  const provider = mine.identities[0]?.provider ?? methods.data?.oidc.name ?? "";
  const fresh = useFreshReauthentication(mine.reauthenticatedAt);
  const [startError, setStartError] = useState<unknown>(null);
  const { busy, start } = useProviderStart({ intent: "reauth", returnTo: props.returnTo, onError: setStartError });
  if (fresh && mine.reauthenticatedAt) {
    const until = new Intl.DateTimeFormat(formattingLocale(i18n.resolvedLanguage ?? "en"), { timeStyle: "short" }).format(
      new Date(Date.parse(mine.reauthenticatedAt) + REAUTH_WINDOW_MS),
    );
    return <>{props.children({ provider, until })}</>;
  }
  const frame = props.frame ?? ((content: ReactNode) => content);
  return frame(
    <>
      <p>{mine.reauthenticatedAt ? props.stale(provider) : props.lead(provider)}</p>
      <div role="alert" className={startError ? "alert" : "visually-hidden"}>
        {startError ? <p>{providerErrorMessage(t, startError, provider)}</p> : null}
      </div>
      <p>
        <button
          type="button"
          className="button button-primary"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            setStartError(null);
            start();
          }}
        >
          <LogIn size={18} aria-hidden="true" />
          {busy ? t("identities.start.opening", { provider }) : t("identities.erasure.confirm", { provider })}
        </button>
      </p>
    </>,
  );
}
