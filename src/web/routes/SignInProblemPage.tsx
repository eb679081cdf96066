/**
 * Where a sign-in at the provider that did not work ends (issue 8): one clear sentence about what
 * happened and a way back. The server names the reason; `back` is the page the person came from
 * (linking or confirming from the profile), else they try again from the sign-in page.
 */
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { OIDC_PROBLEMS, type OidcProblem } from "../../shared/schemas/identities.js";
import { PageHeading } from "../components/PageHeading.js";
import { useSignInMethods } from "../components/SignInWithProvider.js";
import { usePageTitle } from "../lib/hooks.js";

const isProblem = (reason: string | null): reason is OidcProblem => (OIDC_PROBLEMS as readonly string[]).includes(reason ?? "");

/** Only a path of this app (never "//host" or "/\host", which browsers read as a host). */
function safeBackPath(back: string | null): string | null {
  return back && /^\/(?![/\\])/.test(back) ? back : null;
}

export function SignInProblemPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reason = params.get("reason");
  const back = safeBackPath(params.get("back"));
  const methods = useSignInMethods();
  const provider = methods.data?.oidc.name ?? t("identities.problem.theProvider");
  usePageTitle(t("identities.problem.title"));
  const text = isProblem(reason) ? t(`identities.problem.reason.${reason}`, { provider }) : t("identities.problem.reason.unknown", { provider });
  return (
    <div className="page page-narrow">
      <PageHeading>{t("identities.problem.title")}</PageHeading>
      <div className="card stack">
        <p>{text}</p>
        <p>
          <Link to={back ?? "/sign-in"} className="button button-primary">
            {t("identities.problem.tryAgain")}
          </Link>
        </p>
      </div>
    </div>
  );
}
