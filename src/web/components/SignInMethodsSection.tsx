/**
 * The profile's "Sign-in methods" (issue 8): whether the account has a password, each linked
 * provider with its e-mail address and when it was linked, unlinking while another way in
 * remains, and linking the configured provider.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, KeyRound, Link2Off, LogIn } from "lucide-react";
import { Link } from "react-router";
import { getMyIdentities, myIdentitiesKey, unlinkIdentity, type Identity } from "../api/identities.js";
import { formattingLocale } from "../lib/format.js";
import { useFeedback } from "../lib/useFeedback.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { errorMessage } from "../lib/formErrors.js";
import { LiveStatus, QueryView } from "./Messages.js";
import { providerErrorMessage, useProviderStart, useSignInMethods } from "./SignInWithProvider.js";

export function SignInMethodsSection() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: myIdentitiesKey, queryFn: getMyIdentities });
  const methods = useSignInMethods();
  const feedback = useFeedback();
  // Starting a link fails in words about the provider; unlinking in the API's words.
  const [linkError, setLinkError] = useState<unknown>(null);
  let alert: string | null = null;
  if (linkError) alert = providerErrorMessage(t, linkError, methods.data?.oidc.name ?? "");
  else if (feedback.state.error) alert = errorMessage(t, feedback.state.error);
  return (
    <section className="card" aria-labelledby="sign-in-methods-title">
      <div className="card-header">
        <h2 id="sign-in-methods-title">{t("identities.profile.title")}</h2>
        <p className="muted">{t("identities.profile.lead")}</p>
      </div>
      <QueryView query={mine}>
        {(data) => (
          <div className="stack">
            <ul className="item-list" aria-labelledby="sign-in-methods-title">
              <li className="item">
                <div className="item-body">
                  <span className="item-title">
                    <KeyRound size={16} aria-hidden="true" /> {t("identities.profile.password")}
                  </span>
                  {data.hasPassword ? (
                    <span className="muted small">{t("identities.profile.passwordSet")}</span>
                  ) : (
                    <span className="muted small">
                      {t("identities.profile.passwordNone")} <Link to="/forgot-password">{t("identities.profile.passwordReset")}</Link>
                    </span>
                  )}
                </div>
              </li>
              {data.identities.map((identity) => (
                <IdentityItem key={identity.id} identity={identity} feedback={feedback} onUnlink={() => setLinkError(null)} />
              ))}
            </ul>
            {data.abilities.link ? (
              <LinkProvider
                onStart={() => {
                  setLinkError(null);
                  feedback.clear();
                }}
                onError={setLinkError}
              />
            ) : null}
          </div>
        )}
      </QueryView>
      <LiveStatus message={feedback.state.status ? t(feedback.state.status.key, feedback.state.status.values) : null} />
      <div role="alert" className={alert ? "alert" : "visually-hidden"}>
        {alert ? (
          <>
            <CircleAlert size={20} aria-hidden="true" />
            <p>{alert}</p>
          </>
        ) : null}
      </div>
    </section>
  );
}

function IdentityItem({ identity, feedback, onUnlink }: { identity: Identity; feedback: ReturnType<typeof useFeedback>; onUnlink: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const linkedAt = new Intl.DateTimeFormat(formattingLocale(i18n.resolvedLanguage ?? "en"), { dateStyle: "long" }).format(new Date(identity.linkedAt));
  return (
    <li className="item">
      <div className="item-body">
        <span className="item-title">{identity.provider}</span>
        {identity.email ? <span>{identity.email}</span> : null}
        <span className="muted small">{t("identities.profile.linkedAt", { date: linkedAt })}</span>
      </div>
      {identity.abilities.unlink ? (
        <div className="item-actions">
          <ConfirmDialog
            triggerClassName="button button-danger"
            trigger={
              <>
                <Link2Off size={18} aria-hidden="true" />
                {t("identities.profile.unlink")}
              </>
            }
            triggerLabel={t("identities.profile.unlinkLabel", { provider: identity.provider })}
            title={t("identities.profile.unlinkTitle", { provider: identity.provider })}
            body={<p>{t("identities.profile.unlinkBody", { provider: identity.provider })}</p>}
            confirmLabel={t("identities.profile.unlinkConfirm")}
            cancelLabel={t("dialog.cancel")}
            tone="danger"
            onConfirm={() => {
              onUnlink();
              return feedback.run(async () => {
                await unlinkIdentity(identity.id);
                await queryClient.invalidateQueries({ queryKey: myIdentitiesKey });
                feedback.succeed("identities.profile.unlinked", { provider: identity.provider });
              });
            }}
          />
        </div>
      ) : (
        <p className="item-note muted small">{t("identities.profile.onlyWayIn")}</p>
      )}
    </li>
  );
}

function LinkProvider({ onStart, onError }: { onStart: () => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const methods = useSignInMethods();
  const provider = methods.data?.oidc.name;
  const { busy, start } = useProviderStart({ intent: "link", returnTo: "/profile", onError });
  if (!provider) return null;
  return (
    <div className="stack">
      <p>{t("identities.profile.linkLead", { provider })}</p>
      <p>
        <button type="button" className="button" aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            onStart();
            start();
          }}
        >
          <LogIn size={18} aria-hidden="true" />
          {busy ? t("identities.start.opening", { provider }) : t("identities.profile.link", { provider })}
        </button>
      </p>
    </div>
  );
}
