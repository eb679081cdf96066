/** Shown when rendering a page throws: a way back instead of a blank screen, and the crash
 * report question (sent only with consent, lib/crashReports.ts). */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { captureCrash } from "../lib/crashReports.js";

export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
    // An HTTP-like answer of a route (e.g. 404) is no crash of the program.
    if (!isRouteErrorResponse(error)) captureCrash(error, "boundary");
  }, [error]);
  return (
    <main id="main" className="page page-narrow">
      <h1>{t("errors.crashTitle")}</h1>
      <p>{t("errors.crashBody")}</p>
      <p>
        <a className="button button-primary" href="/">
          {t("notFound.home")}
        </a>
      </p>
    </main>
  );
}
