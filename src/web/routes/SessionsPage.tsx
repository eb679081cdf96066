import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOut, Monitor, Smartphone, Tablet } from "lucide-react";
import type { TFunction } from "i18next";
import type { Session } from "../../shared/schemas/accounts.js";
import { listSessions, revokeOtherSessions, revokeSession } from "../api/accounts.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { LiveStatus, Loading } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { errorMessage } from "../lib/formErrors.js";
import { formatDateTime, formatRelative, formattingLocale } from "../lib/format.js";
import { usePageTitle, useSignOut } from "../lib/hooks.js";
import { sessionsKey } from "../lib/queryClient.js";

/** "Firefox 128 on Windows 10". Only the major browser version: the rest is noise to people. */
export function deviceName(t: TFunction, device: Session["device"]): string {
  const major = device.browserVersion?.split(".")[0];
  const browser = device.browser ? [device.browser, major].filter(Boolean).join(" ") : t("sessions.unknownBrowser");
  const os = device.os ? [device.os, device.osVersion].filter(Boolean).join(" ") : t("sessions.unknownOs");
  return t("sessions.device", { browser, os });
}

function deviceKind(type: string | null): "desktop" | "mobile" | "tablet" | "other" {
  if (type === null || type === "" || type === "desktop") return "desktop";
  if (type === "mobile" || type === "tablet") return type;
  return "other";
}

function DeviceIcon({ kind }: { kind: ReturnType<typeof deviceKind> }) {
  if (kind === "mobile") return <Smartphone size={22} aria-hidden="true" />;
  if (kind === "tablet") return <Tablet size={22} aria-hidden="true" />;
  return <Monitor size={22} aria-hidden="true" />;
}

/** The current device first, then the most recently active. */
function sortSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return b.lastSeenAt.localeCompare(a.lastSeenAt);
  });
}

export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t("sessions.title"));
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const listHeading = useRef<HTMLHeadingElement>(null);
  // Kept untranslated, so a language switch re-words what is on screen.
  const [status, setStatus] = useState<{ revoked: Session["device"] } | "othersRevoked" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: listSessions });
  const language = formattingLocale(currentLanguage());

  const revoke = useMutation({
    mutationFn: (session: Session) => revokeSession(session.id),
    onMutate: () => {
      setStatus(null);
      setError(null);
    },
    onSuccess: async (_data, session) => {
      if (session.current) {
        // Ending this device's session is signing out: wipe the browser as well.
        await signOut({ callServer: false });
        return;
      }
      setStatus({ revoked: session.device });
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
      listHeading.current?.focus();
    },
    onError: (err) => setError(err),
  });

  const revokeOthers = async () => {
    setStatus(null);
    setError(null);
    try {
      await revokeOtherSessions();
      setStatus("othersRevoked");
    } catch (err) {
      setError(err);
    }
    await queryClient.invalidateQueries({ queryKey: sessionsKey });
  };

  const list = sessions.data ? sortSessions(sessions.data) : [];
  const others = list.filter((session) => !session.current).length;

  return (
    <div className="page">
      <PageHeading lead={t("sessions.lead")}>{t("sessions.title")}</PageHeading>
      <LiveStatus
        message={
          status === null
            ? null
            : status === "othersRevoked"
              ? t("sessions.othersRevoked")
              : t("sessions.revoked", { device: deviceName(t, status.revoked) })
        }
      />
      <div role="alert" className={error ? "alert" : "visually-hidden"}>
        {error ? errorMessage(t, error) : null}
      </div>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? (
        <div className="alert" role="alert">
          {errorMessage(t, sessions.error)}
        </div>
      ) : null}
      {sessions.data ? (
        <section className="stack" aria-labelledby="sessions-list-title">
          <h2 id="sessions-list-title" ref={listHeading} tabIndex={-1}>
            {t("sessions.listLabel")}
          </h2>
          <ul className="session-list">
            {list.map((session) => {
              const name = deviceName(t, session.device);
              const kind = deviceKind(session.device.deviceType);
              const lastSeen = formatRelative(session.lastSeenAt, language);
              return (
                <li key={session.id} className={session.current ? "session session-current" : "session"}>
                  <span className="session-icon">
                    <DeviceIcon kind={kind} />
                  </span>
                  <div className="session-body">
                    <h3 className="session-title">
                      <span>{name}</span>
                      {session.current ? <span className="badge">{t("sessions.thisDevice")}</span> : null}
                    </h3>
                    <p className="muted small">{t(`sessions.type.${kind}`)}</p>
                    <dl className="session-meta">
                      {/* The policy's "the version of the operating system", spelled out. */}
                      <dt>{t("deviceInfo.os")}</dt>
                      <dd>{session.device.os ? [session.device.os, session.device.osVersion].filter(Boolean).join(" ") : t("deviceInfo.unknown")}</dd>
                      <dt>{t("deviceInfo.browser")}</dt>
                      <dd>
                        {session.device.browser
                          ? [session.device.browser, session.device.browserVersion?.split(".")[0]].filter(Boolean).join(" ")
                          : t("deviceInfo.unknown")}
                      </dd>
                      <dt>{t("sessions.lastSeen")}</dt>
                      <dd>
                        <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt, language)}>
                          {lastSeen}
                        </time>
                      </dd>
                      <dt>{t("sessions.created")}</dt>
                      <dd>
                        <time dateTime={session.createdAt}>{formatDateTime(session.createdAt, language)}</time>
                      </dd>
                    </dl>
                    <div className="session-actions">
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={t("sessions.revokeLabel", { device: name, lastSeen })}
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(session)}
                      >
                        <LogOut size={18} aria-hidden="true" />
                        {revoke.isPending && revoke.variables?.id === session.id
                          ? t("sessions.revoking")
                          : t("sessions.revoke")}
                      </button>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
          {others === 0 ? <p className="muted">{t("sessions.onlyThis")}</p> : null}
          <div>
            <ConfirmDialog
              triggerClassName="button button-primary"
              isDisabled={others === 0}
              trigger={
                <>
                  <LogOut size={18} aria-hidden="true" />
                  {t("sessions.revokeOthers")}
                </>
              }
              title={t("sessions.dialog.title")}
              body={<p>{t("sessions.dialog.body", { count: others })}</p>}
              confirmLabel={t("sessions.dialog.confirm")}
              cancelLabel={t("sessions.dialog.cancel")}
              onConfirm={revokeOthers}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
