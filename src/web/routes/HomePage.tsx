import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ArrowRight, UsersRound } from "lucide-react";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle, useUser } from "../lib/hooks.js";

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t("home.title"));
  const user = useUser();
  return (
    <div className="page">
      <PageHeading lead={t("home.lead")}>{t("home.greeting", { name: user.name })}</PageHeading>
      <section className="empty-state" aria-labelledby="home-empty-title">
        <span className="empty-state-icon" aria-hidden="true">
          <UsersRound size={28} />
        </span>
        <h2 id="home-empty-title">{t("home.emptyTitle")}</h2>
        <p>{t("home.emptyBody")}</p>
        <p className="muted">{t("home.readyTitle")}</p>
        <ul className="steps">
          <li>{t("home.readyPicture")}</li>
          <li>{t("home.readyLanguage")}</li>
          <li>{t("home.readySessions")}</li>
        </ul>
        <Link className="button button-primary" to="/profile">
          {t("home.action")}
          <ArrowRight size={18} aria-hidden="true" />
        </Link>
      </section>
    </div>
  );
}
