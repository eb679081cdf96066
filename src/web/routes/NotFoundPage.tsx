import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../components/PageHeading.js";
import { useMe, usePageTitle } from "../lib/hooks.js";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  const { data: me } = useMe();
  return (
    <div className="page page-narrow">
      <p className="big-code" aria-hidden="true">
        404
      </p>
      <PageHeading lead={t("notFound.body")}>{t("notFound.title")}</PageHeading>
      <p>
        <Link className="button button-primary" to={me ? "/" : "/sign-in"}>
          {t("notFound.home")}
        </Link>
      </p>
    </div>
  );
}
