/**
 * The privacy policy in the app's frame: its text (HTML the server rendered and sanitised), the
 * notice a significant change puts in front of every signed-in page until it is acknowledged, the
 * banner of a minor change, and the footer link on every page. What to show comes from the
 * server's GET /me/privacy-policy; nothing is decided here.
 */
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileText, ShieldCheck, X } from "lucide-react";
import { acknowledgePolicy, dismissPolicyBanner, getMyPolicyState, myPolicyKey, type MyPolicyState } from "../api/privacy-policy.js";
import type { PolicyVersionListing } from "../../shared/schemas/privacy-policy.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { useSignOut } from "../lib/hooks.js";
import { ErrorAlert } from "./Messages.js";
import "../styles/privacy-policy.css";

/** The signed-in user's standing towards the policy (off for visitors). */
export function useMyPolicyState(enabled: boolean) {
  return useQuery({ queryKey: myPolicyKey, queryFn: getMyPolicyState, enabled });
}

/**
 * Acknowledging or closing the banner: the server answers with the new standing. On a refusal a
 * newer version has arrived meanwhile, and the standing is fetched again to show it.
 */
function usePolicyChange(change: (versionId: string) => Promise<MyPolicyState>, versionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => change(versionId),
    onSuccess: (next) => queryClient.setQueryData(myPolicyKey, next),
    onError: () => void queryClient.invalidateQueries({ queryKey: myPolicyKey }),
  });
}

/** A version's publication date in the interface language. */
export function PolicyDate({ iso }: { iso: string }) {
  const language = currentLanguage();
  const text = new Intl.DateTimeFormat(formattingLocale(language), { dateStyle: "long" }).format(new Date(iso));
  return <time dateTime={iso}>{text}</time>;
}

/** The policy's text in one language: HTML the server rendered from Markdown and sanitised. */
export function PolicyText({ html, lang }: { html: string; lang: string }) {
  // Sanitised on the server (markdown-it without raw HTML, then sanitize-html's allowlist).
  return <div className="policy-text" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** "Significant change" / "Minor change", in words (never colour alone). */
export function SignificanceBadge({ significance }: { significance: PolicyVersionListing["significance"] }) {
  const { t } = useTranslation();
  return <span className={`badge ${significance === "significant" ? "badge-on" : "badge-quiet"}`}>{t(`privacyPolicy.significance.${significance}`)}</span>;
}

/**
 * The page a signed-in person cannot get past after a significant change: what changed, a link to
 * the whole text, and the acknowledgement (recorded by the server). Signing out is the way out.
 */
export function PolicyNotice({ state }: { state: MyPolicyState }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const heading = useRef<HTMLHeadingElement>(null);
  const current = state.current!;
  const language = currentLanguage();
  const acknowledge = usePolicyChange(acknowledgePolicy, current.id);
  useEffect(() => {
    document.title = t("app.pageTitle", { page: t("privacyPolicy.notice.title") });
    heading.current?.focus();
  }, [t]);

  return (
    <div className="page page-narrow policy-notice">
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          <ShieldCheck size={28} aria-hidden="true" className="policy-notice-icon" />
          {t("privacyPolicy.notice.title")}
        </h1>
        <p className="page-lead">{t("privacyPolicy.notice.lead")}</p>
      </div>
      <section className="card stack" aria-labelledby="policy-changes-heading">
        <h2 id="policy-changes-heading">{t("privacyPolicy.notice.whatChanged")}</h2>
        <ul className="plain-list policy-changes">
          {state.changes.map((change) => (
            <li key={change.id} className="stack">
              <p className="policy-change-meta">
                <SignificanceBadge significance={change.significance} />{" "}
                <span>{t("privacyPolicy.versionNumber", { number: change.number })}</span>
                {" · "}
                <PolicyDate iso={change.publishedAt} />
              </p>
              <p className="preserve-lines" lang={language}>
                {change.summary[language]}
              </p>
            </li>
          ))}
        </ul>
        <p>
          <Link to={`/privacy/versions/${current.id}`}>
            <FileText size={18} aria-hidden="true" /> {t("privacyPolicy.notice.readFull")}
          </Link>
        </p>
      </section>
      <p>{t("privacyPolicy.notice.rights")}</p>
      {/* Taking one's data and leaving are rights whatever one thinks of the change (Guards lets these pages through). */}
      <p>{t("privacyPolicy.notice.disagree")}</p>
      <ul className="plain-list stack">
        <li>
          <Link className="button button-quiet button-block" to="/profile/data">
            {t("privacyPolicy.notice.downloadData")}
          </Link>
        </li>
        <li>
          <Link className="button button-quiet button-block" to="/profile/delete">
            {t("privacyPolicy.notice.deleteAccount")}
          </Link>
        </li>
      </ul>
      <ErrorAlert error={acknowledge.error} />
      <div className="form-actions policy-notice-actions">
        <button
          type="button"
          className="button button-primary button-block"
          aria-disabled={acknowledge.isPending || undefined}
          onClick={() => {
            if (!acknowledge.isPending) acknowledge.mutate();
          }}
        >
          {acknowledge.isPending ? t("privacyPolicy.notice.acknowledging") : t("privacyPolicy.notice.acknowledge")}
        </button>
        <button type="button" className="button button-quiet button-block" onClick={() => void signOut()}>
          {t("privacyPolicy.notice.signOut")}
        </button>
      </div>
    </div>
  );
}

/** The banner of a minor change: what changed, a link, and a close button the server remembers. */
export function PolicyBanner({ state }: { state: MyPolicyState }) {
  const { t } = useTranslation();
  const current = state.current!;
  const language = currentLanguage();
  const dismiss = usePolicyChange(dismissPolicyBanner, current.id);
  return (
    <section className="policy-banner" aria-labelledby="policy-banner-title">
      <div className="policy-banner-inner">
        <div className="policy-banner-text">
          <p id="policy-banner-title" className="policy-banner-title">
            {t("privacyPolicy.banner.title")}
          </p>
          <p lang={language}>{current.summary[language]}</p>
          <p>
            <Link to={`/privacy/versions/${current.id}`}>{t("privacyPolicy.banner.read")}</Link>
          </p>
        </div>
        <button
          type="button"
          className="button button-quiet policy-banner-close"
          aria-disabled={dismiss.isPending || undefined}
          onClick={() => {
            if (!dismiss.isPending) dismiss.mutate();
          }}
        >
          <X size={18} aria-hidden="true" />
          {t("privacyPolicy.banner.close")}
        </button>
      </div>
    </section>
  );
}

/** The footer of every page, signed in or not: the policy in force and its archive. */
export function PolicyFooter() {
  const { t } = useTranslation();
  return (
    <footer className="shell-footer">
      <nav aria-label={t("privacyPolicy.footer.label")}>
        <ul className="shell-footer-links">
          <li>
            <Link to="/privacy">{t("privacyPolicy.footer.policy")}</Link>
          </li>
          <li>
            <Link to="/privacy/versions">{t("privacyPolicy.footer.archive")}</Link>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
