/**
 * "Download my data" (issue 7): request an export of everything Openloop keeps about me, follow
 * its state, and download it while it is valid (48 hours, with my own session). Exports I made
 * for others (a member, as an administrator; a group, as its owner) are listed here too.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FileArchive } from "lucide-react";
import { dataExportsKey, downloadHref, listMyExports, requestMyExport, type DataExport } from "../api/dataExports.js";
import { ErrorAlert, LiveStatus, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { usePageTitle } from "../lib/hooks.js";

/** While an export is being made the list is read again this often. */
const POLL_MS = 3_000;

export function DataExportPage() {
  const { t } = useTranslation();
  usePageTitle(t("dataExports.title"));
  const queryClient = useQueryClient();
  const exports = useQuery({
    queryKey: dataExportsKey,
    queryFn: listMyExports,
    refetchInterval: (query) => (query.state.data?.exports.some((e) => e.status === "pending") ? POLL_MS : false),
  });
  const [requested, setRequested] = useState(false);
  const request = useMutation({
    mutationFn: requestMyExport,
    onMutate: () => setRequested(false),
    onSuccess: async () => {
      setRequested(true);
      await queryClient.invalidateQueries({ queryKey: dataExportsKey });
    },
  });
  const locale = formattingLocale(currentLanguage());
  const next = exports.data?.nextSelfExportAt ?? null;
  const waiting = next !== null && new Date(next).getTime() > Date.now();

  return (
    <div className="page">
      <PageHeading lead={t("dataExports.lead")}>{t("dataExports.title")}</PageHeading>
      <section className="card stack" aria-labelledby="export-request-title">
        <h2 id="export-request-title">{t("dataExports.requestTitle")}</h2>
        <p>{t("dataExports.contents")}</p>
        <p>{t("dataExports.others")}</p>
        <LiveStatus message={requested ? t("dataExports.requested") : null} />
        <ErrorAlert error={request.error} />
        {waiting ? (
          <p>{t("dataExports.nextAt", { time: formatDateTime(next, locale) })}</p>
        ) : (
          <p>
            <button type="button" className="button button-primary" aria-disabled={request.isPending} onClick={() => !request.isPending && request.mutate()}>
              <FileArchive size={18} aria-hidden="true" />
              {t("dataExports.request")}
            </button>
          </p>
        )}
      </section>
      <section className="stack" aria-labelledby="export-list-title">
        <h2 id="export-list-title">{t("dataExports.listTitle")}</h2>
        <QueryView query={exports}>
          {(data) =>
            data.exports.length === 0 ? (
              <p>{t("dataExports.empty")}</p>
            ) : (
              <ul className="plain-list stack">
                {data.exports.map((e) => (
                  <ExportItem key={e.id} item={e} locale={locale} />
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}

function ExportItem({ item, locale }: { item: DataExport; locale: string }) {
  const { t } = useTranslation();
  const href = downloadHref(item);
  const what = item.kind === "self" ? t("dataExports.kind.self") : t(`dataExports.kind.${item.kind}`, { name: item.subjectName ?? "" });
  return (
    <li className="card">
      <h3>{what}</h3>
      <p>
        {t("dataExports.requestedAt", { time: formatDateTime(item.requestedAt, locale) })} · <strong>{t(`dataExports.status.${item.status}`)}</strong>
      </p>
      {href && item.expiresAt ? (
        <>
          <p>{t("dataExports.expiresAt", { time: formatDateTime(item.expiresAt, locale) })}</p>
          <p>
            <a className="button" href={href} download>
              <Download size={18} aria-hidden="true" />
              {t("dataExports.download", { size: formatSize(item.size ?? 0, locale) })}
            </a>
          </p>
        </>
      ) : null}
    </li>
  );
}

/** "1.2 MB" in the interface language. */
function formatSize(bytes: number, locale: string): string {
  const mb = bytes / 1_000_000;
  return mb >= 0.1
    ? new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(mb)
    : new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1000));
}
