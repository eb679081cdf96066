/**
 * The public privacy policy pages (no sign-in needed): the version in force (/privacy), the
 * archive of every version ever published (/privacy/versions) and any one of them
 * (/privacy/versions/:versionId). The archive is what keeps a change from reducing anyone's
 * rights silently: every earlier text stays readable.
 */
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { History, PenLine } from "lucide-react";
import {
  currentPolicyKey,
  getCurrentPolicy,
  getPolicyArchive,
  getPolicyVersion,
  policyArchiveKey,
  policyVersionKey,
  type PolicyVersion,
} from "../api/privacy-policy.js";
import { Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { PolicyDate, PolicyText, SignificanceBadge } from "../components/PrivacyPolicy.js";
import { currentLanguage } from "../i18n/index.js";
import { usePageTitle } from "../lib/hooks.js";

/** One version: its facts, what changed, and the whole text. */
function VersionView({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <p className="policy-change-meta">
        <SignificanceBadge significance={version.significance} /> <span>{t("privacyPolicy.versionNumber", { number: version.number })}</span>
        {" · "}
        {t("privacyPolicy.published")} <PolicyDate iso={version.publishedAt} />
      </p>
      {version.isCurrent ? null : (
        <Notice tone="info">
          {t("privacyPolicy.olderVersion")} <Link to="/privacy">{t("privacyPolicy.readCurrent")}</Link>
        </Notice>
      )}
      <section className="card stack" aria-labelledby="policy-summary-heading">
        <h2 id="policy-summary-heading">{t("privacyPolicy.whatChanged")}</h2>
        <p className="preserve-lines" lang={language}>
          {version.summary[language]}
        </p>
      </section>
      <article className="card" aria-label={t("privacyPolicy.fullText")}>
        <PolicyText html={version.html[language]} lang={language} />
      </article>
      <p>
        <Link to="/privacy/versions">
          <History size={18} aria-hidden="true" /> {t("privacyPolicy.archiveLink")}
        </Link>
      </p>
    </>
  );
}

export function PrivacyPolicyPage() {
  const { t } = useTranslation();
  usePageTitle(t("privacyPolicy.title"));
  const current = useQuery({ queryKey: currentPolicyKey, queryFn: getCurrentPolicy });
  return (
    <div className="page">
      <PageHeading>{t("privacyPolicy.title")}</PageHeading>
      <QueryView query={current}>
        {(version) => (version ? <VersionView version={version} /> : <Notice tone="info">{t("privacyPolicy.none")}</Notice>)}
      </QueryView>
    </div>
  );
}

export function PrivacyVersionPage() {
  const { t } = useTranslation();
  const { versionId = "" } = useParams();
  const version = useQuery({ queryKey: policyVersionKey(versionId), queryFn: () => getPolicyVersion(versionId), retry: false });
  const title = version.data ? t("privacyPolicy.versionTitle", { number: version.data.number }) : t("privacyPolicy.title");
  usePageTitle(title);
  return (
    <div className="page">
      <PageHeading>{title}</PageHeading>
      <QueryView query={version}>{(v) => <VersionView version={v} />}</QueryView>
    </div>
  );
}

export function PrivacyArchivePage() {
  const { t } = useTranslation();
  usePageTitle(t("privacyPolicy.archive.title"));
  const archive = useQuery({ queryKey: policyArchiveKey, queryFn: getPolicyArchive });
  const language = currentLanguage();
  return (
    <div className="page">
      <PageHeading lead={t("privacyPolicy.archive.lead")}>{t("privacyPolicy.archive.title")}</PageHeading>
      <QueryView query={archive}>
        {({ versions, abilities }) => (
          <>
            {abilities.publish ? (
              <p>
                <Link className="button" to="/admin/privacy-policy">
                  <PenLine size={18} aria-hidden="true" />
                  {t("privacyPolicy.archive.publish")}
                </Link>
              </p>
            ) : null}
            {versions.length === 0 ? (
              <Notice tone="info">{t("privacyPolicy.none")}</Notice>
            ) : (
              <ol className="card-list policy-archive" reversed>
                {versions.map((v) => (
                  <li key={v.id} className="card stack">
                    <h2 className="policy-archive-title">
                      <Link to={`/privacy/versions/${v.id}`}>{t("privacyPolicy.versionTitle", { number: v.number })}</Link>
                      {v.isCurrent ? <span className="badge badge-on">{t("privacyPolicy.archive.current")}</span> : null}
                    </h2>
                    <p className="policy-change-meta">
                      <SignificanceBadge significance={v.significance} /> {t("privacyPolicy.published")} <PolicyDate iso={v.publishedAt} />
                    </p>
                    <p className="preserve-lines" lang={language}>
                      {v.summary[language]}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}
