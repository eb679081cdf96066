/**
 * The page behind an e-mail's unsubscribe link: works without signing in, says which e-mails
 * stop and to which (masked) address, and turns off that one kind with one button. Nothing
 * changes by merely opening the link (mail scanners open links too).
 */
import { useEffect, useRef, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BellOff, Settings } from "lucide-react";
import { ApiError } from "../api/client.js";
import { getUnsubscribeInfo, unsubscribe, unsubscribeKey, type UnsubscribeScope } from "../api/notifications.js";
import { ErrorAlert, Loading, LoadFailed, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { useMe, usePageTitle } from "../lib/hooks.js";
import "../styles/notifications.css";

/** The token's length as the API accepts it; anything else cannot be a link of ours. */
const TOKEN_PATTERN = /^.{10,300}$/s;

export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle(t("unsubscribe.title"));
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const usable = TOKEN_PATTERN.test(token);
  return (
    <div className="page page-narrow">
      <PageHeading>{t("unsubscribe.title")}</PageHeading>
      {usable ? (
        <UnsubscribeForm token={token} />
      ) : (
        <>
          <Notice tone="info">{t("unsubscribe.missingToken")}</Notice>
          <ManageLink />
        </>
      )}
    </div>
  );
}

function UnsubscribeForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: unsubscribeKey(token), queryFn: () => getUnsubscribeInfo(token), retry: false, staleTime: Infinity });
  const turnOff = useMutation({ mutationFn: () => unsubscribe(token) });
  const what = (scope: UnsubscribeScope, email: string) =>
    scope === "digest" ? t("unsubscribe.whatDigest", { email }) : t("unsubscribe.what", { what: t(`notificationKinds.${scope}.about`), email });
  const done = (scope: UnsubscribeScope) =>
    scope === "digest" ? t("unsubscribe.doneDigest") : t("unsubscribe.done", { what: t(`notificationKinds.${scope}.about`) });

  if (info.isPending) return <Loading />;
  if (info.isError) {
    const invalid = info.error instanceof ApiError && (info.error.status === 404 || info.error.status === 400);
    return invalid ? (
      <>
        <div className="alert" role="alert">
          <p>{t("unsubscribe.invalid")}</p>
        </div>
        <ManageLink />
      </>
    ) : (
      <LoadFailed error={info.error} retry={() => void info.refetch()} />
    );
  }

  const { kind, email, off } = info.data;
  if (turnOff.isSuccess) {
    return (
      <Done>
        <Notice>{done(turnOff.data)}</Notice>
        <ManageLink />
      </Done>
    );
  }
  if (off) {
    return (
      <>
        <Notice>{t("unsubscribe.alreadyOff")}</Notice>
        <p className="unsubscribe-what">{what(kind, email)}</p>
        <ManageLink />
      </>
    );
  }

  return (
    <div className="card stack">
      <p className="unsubscribe-what">{what(kind, email)}</p>
      <p className="muted">{t("unsubscribe.explain")}</p>
      <ErrorAlert error={turnOff.error} />
      <div>
        <button
          type="button"
          className="button button-primary button-block"
          aria-disabled={turnOff.isPending || undefined}
          onClick={() => {
            if (!turnOff.isPending) turnOff.mutate();
          }}
        >
          <BellOff size={18} aria-hidden="true" />
          {turnOff.isPending ? t("unsubscribe.submitting") : t("unsubscribe.submit")}
        </button>
      </div>
    </div>
  );
}

/** The outcome takes focus, as the button that led to it is gone. */
function Done({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="stack">
      {children}
    </div>
  );
}

/** To all the settings: straight there when signed in, through sign-in otherwise (it returns here after). */
function ManageLink() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <p>
      <Link to="/profile/notifications" className="button">
        <Settings size={18} aria-hidden="true" />
        {me.data ? t("unsubscribe.manageSignedIn") : t("unsubscribe.manage")}
      </Link>
    </p>
  );
}
