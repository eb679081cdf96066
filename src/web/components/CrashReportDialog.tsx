/**
 * The question before a crash report leaves the browser: what happened, exactly what would be
 * sent, and two answers. Escape or "Don't send" sends nothing. Its own chunk, loaded only when
 * something has gone wrong.
 */
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Dialog, Heading, I18nProvider, Modal, ModalOverlay } from "react-aria-components";
import { UAParser } from "ua-parser-js";
import { currentLanguage } from "../i18n/index.js";
import { answerCrashReport, type PendingCrashReport } from "../lib/crashReports.js";
import { meKey } from "../lib/queryClient.js";
import "../styles/crash-reports.css";

/** The device as this browser describes itself; the server reads the same from the request. */
function deviceText(): string {
  const { os, browser } = new UAParser(navigator.userAgent).getResult();
  return [[os.name, os.version].filter(Boolean).join(" "), [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

export default function CrashReportDialog({ report }: { report: PendingCrashReport }) {
  const { t } = useTranslation();
  const signedIn = Boolean(useQueryClient().getQueryData(meKey));
  const device = deviceText();
  return (
    <I18nProvider locale={currentLanguage()}>
      <ModalOverlay className="modal-overlay" isOpen isDismissable={false} onOpenChange={(open) => void (open || answerCrashReport(false))}>
        <Modal className="modal">
          <Dialog className="dialog" data-testid="crash-report-dialog">
            <Heading slot="title" level={2}>
              {t("crashReports.ask.title")}
            </Heading>
            <p>{t("crashReports.ask.lead")}</p>
            <p>{t("crashReports.ask.exactly")}</p>
            <dl className="crash-preview">
              <dt>{t("crashReports.fields.message")}</dt>
              <dd>{report.message}</dd>
              <dt>{t("crashReports.fields.route")}</dt>
              <dd>{report.route}</dd>
              <dt>{t("crashReports.fields.appVersion")}</dt>
              <dd>{report.appVersion}</dd>
              <dt>{t("crashReports.fields.device")}</dt>
              <dd>{device || t("crashReports.unknownDevice")}</dd>
            </dl>
            {report.stack ? (
              <details>
                <summary>{t("crashReports.fields.stack")}</summary>
                <pre className="crash-stack" tabIndex={0} aria-label={t("crashReports.fields.stack")}>
                  {report.stack}
                </pre>
              </details>
            ) : null}
            <p className="muted small">{t("crashReports.ask.nothingElse")}</p>
            {signedIn ? <p className="muted small">{t("crashReports.ask.settingHint")}</p> : null}
            <div className="dialog-actions">
              <Button className="button" onPress={() => void answerCrashReport(false)}>
                {t("crashReports.ask.decline")}
              </Button>
              <Button className="button button-primary" onPress={() => void answerCrashReport(true)}>
                {t("crashReports.ask.send")}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </I18nProvider>
  );
}
