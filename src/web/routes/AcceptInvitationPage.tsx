/**
 * The link of an e-mailed invitation: accepts it with the signed-in account when the person
 * confirms, or at once when they have just signed up or in through the link.
 */
import { Link, useLocation, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MailCheck } from "lucide-react";
import { acceptInvitation } from "../api/groups.js";
import { arrivedAfterSignIn } from "../components/Guards.js";
import { ErrorAlert, Loading, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle, useUser } from "../lib/hooks.js";
import { useJoin } from "../lib/joining.js";

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t("acceptInvitation.title"));
  const user = useUser();
  const [params] = useSearchParams();
  const location = useLocation();
  const token = params.get("token") ?? "";
  const now = token && arrivedAfterSignIn(location.state) ? token : null;
  const join = useJoin(["invitation", token], acceptInvitation, now);

  let body;
  if (!token) {
    body = <Notice tone="info">{t("acceptInvitation.missingToken")}</Notice>;
  } else if (join.automaticPending) {
    body = <Loading label={t("acceptInvitation.working")} />;
  } else {
    body = (
      <div className="card stack">
        <p>{t("acceptInvitation.body", { name: user.name, email: user.email })}</p>
        <ErrorAlert error={join.automaticError ?? join.confirm.error} />
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            aria-disabled={join.confirm.isPending || undefined}
            onClick={() => {
              if (!join.confirm.isPending) join.confirm.mutate(token);
            }}
          >
            <MailCheck size={18} aria-hidden="true" />
            {join.confirm.isPending ? t("acceptInvitation.working") : t("acceptInvitation.accept")}
          </button>
          <Link to="/">{t("join.cancel")}</Link>
        </div>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("acceptInvitation.lead")}>{t("acceptInvitation.title")}</PageHeading>
      {body}
    </div>
  );
}
