/** Shown when rendering a page throws: a way back instead of a blank screen. */
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
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
