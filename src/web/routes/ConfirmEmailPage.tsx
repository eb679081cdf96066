import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { User } from "../../shared/schemas/accounts.js";
import { confirmEmail } from "../api/accounts.js";
import { Loading, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { errorMessage } from "../lib/formErrors.js";
import { useMe, usePageTitle } from "../lib/hooks.js";
import { meKey } from "../lib/queryClient.js";

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t("confirmEmail.title"));
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  // A query (not a mutation) so the one-time token is sent once, even if the page re-renders
  // or React runs effects twice in development.
  const confirmation = useQuery({
    queryKey: ["confirm-email", token],
    enabled: token !== "",
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: async () => {
      const user = await confirmEmail(token);
      // Only the signed-in person's own cached profile is refreshed; a visitor stays a visitor.
      queryClient.setQueryData<User | null>(meKey, (old) => (old && old.id === user.id ? user : old));
      return user;
    },
  });

  let body;
  if (!token) {
    body = <Notice tone="info">{t("confirmEmail.missingToken")}</Notice>;
  } else if (confirmation.isPending) {
    body = <Loading label={t("confirmEmail.working")} />;
  } else if (confirmation.isError) {
    body = (
      <div className="alert" role="alert">
        <p>{errorMessage(t, confirmation.error)}</p>
      </div>
    );
  } else {
    body = <Notice>{t("confirmEmail.success", { email: confirmation.data.email })}</Notice>;
  }

  return (
    <div className="page page-narrow">
      <PageHeading>{t("confirmEmail.title")}</PageHeading>
      {body}
      {token && !confirmation.isPending ? (
        <p>
          {me ? (
            <Link className="button button-primary" to={confirmation.isError ? "/profile" : "/"}>
              {confirmation.isError ? t("confirmEmail.toProfile") : t("confirmEmail.continue")}
            </Link>
          ) : (
            <Link className="button button-primary" to="/sign-in">
              {t("nav.signIn")}
            </Link>
          )}
        </p>
      ) : null}
    </div>
  );
}
