/**
 * Crash reports for instance administrators: the list (newest first) and one report with its
 * stack. Reports name no one; they are deleted 90 days after they arrived.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { crashReportKey, crashReportsKey, getCrashReport, listCrashReports, type CrashReport } from "../api/crashReports.js";
import { LoadFailed, Loading, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { usePageTitle } from "../lib/hooks.js";
import "../styles/crash-reports.css";

type Device = CrashReport["device"];

function deviceText(device: Device): string {
  const os = [device.os, device.osVersion].filter(Boolean).join(" ");
  const browser = [device.browser, device.browserVersion].filter(Boolean).join(" ");
  return [os, browser, device.deviceType].filter(Boolean).join(", ");
}

export function CrashReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t("crashReports.list.title"));
  const language = formattingLocale(currentLanguage());
  const pages = useInfiniteQuery({
    queryKey: crashReportsKey,
    queryFn: ({ pageParam }) => listCrashReports(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const reports = pages.data?.pages.flatMap((page) => page.reports) ?? [];
  return (
    <div className="page page-wide">
      <PageHeading lead={t("crashReports.list.lead")}>{t("crashReports.list.title")}</PageHeading>
      {pages.isPending ? <Loading /> : null}
      {pages.isError ? <LoadFailed error={pages.error} retry={() => void pages.refetch()} /> : null}
      {pages.data && reports.length === 0 ? <p className="muted">{t("crashReports.list.none")}</p> : null}
      {reports.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="crash-reports-caption" tabIndex={0}>
          <table className="table">
            <caption id="crash-reports-caption" className="visually-hidden">
              {t("crashReports.list.caption", { count: reports.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("crashReports.fields.receivedAt")}</th>
                <th scope="col">{t("crashReports.fields.message")}</th>
                <th scope="col">{t("crashReports.fields.route")}</th>
                <th scope="col">{t("crashReports.fields.device")}</th>
                <th scope="col">{t("crashReports.fields.consent")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <td>
                    <time dateTime={report.receivedAt}>{formatDateTime(report.receivedAt, language)}</time>
                  </td>
                  <td>
                    <Link to={`/admin/crash-reports/${report.id}`}>{report.message}</Link>
                  </td>
                  <td>{report.route}</td>
                  <td>{deviceText(report.device) || t("crashReports.unknownDevice")}</td>
                  <td>{t(`crashReports.consents.${report.consent}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages.hasNextPage ? (
        <div>
          <button type="button" className="button" aria-disabled={pages.isFetchingNextPage || undefined} onClick={() => void pages.fetchNextPage()}>
            {t("crashReports.list.more")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function CrashReportPage() {
  const { t } = useTranslation();
  usePageTitle(t("crashReports.detail.title"));
  const { reportId = "" } = useParams();
  const language = formattingLocale(currentLanguage());
  const report = useQuery({ queryKey: crashReportKey(reportId), queryFn: () => getCrashReport(reportId) });
  return (
    <div className="page">
      <PageHeading>{t("crashReports.detail.title")}</PageHeading>
      <p>
        <Link to="/admin/crash-reports" className="button button-quiet">
          <ArrowLeft size={18} aria-hidden="true" />
          {t("crashReports.detail.back")}
        </Link>
      </p>
      <QueryView query={report}>
        {(r) => (
          <section className="card stack" aria-labelledby="crash-report-message">
            <h2 id="crash-report-message">{r.message}</h2>
            <dl className="crash-preview">
              <dt>{t("crashReports.fields.receivedAt")}</dt>
              <dd>
                <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt, language)}</time>
              </dd>
              <dt>{t("crashReports.fields.source")}</dt>
              <dd>{t(`crashReports.sources.${r.source}`)}</dd>
              <dt>{t("crashReports.fields.route")}</dt>
              <dd>{r.route}</dd>
              <dt>{t("crashReports.fields.appVersion")}</dt>
              <dd>{r.appVersion}</dd>
              <dt>{t("crashReports.fields.device")}</dt>
              <dd>{deviceText(r.device) || t("crashReports.unknownDevice")}</dd>
              <dt>{t("crashReports.fields.consent")}</dt>
              <dd>{t(`crashReports.consents.${r.consent}`)}</dd>
            </dl>
            <h3>{t("crashReports.fields.stack")}</h3>
            {r.stack ? (
              <pre className="crash-stack crash-stack-page" tabIndex={0} aria-label={t("crashReports.fields.stack")}>
                {r.stack}
              </pre>
            ) : (
              <p className="muted">{t("crashReports.detail.noStack")}</p>
            )}
          </section>
        )}
      </QueryView>
    </div>
  );
}
