/** Route guards: signed-in pages send visitors to /sign-in (and back afterwards); sign-in and
 * sign-up send a signed-in user home. */
import { Navigate, Outlet, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { RotateCw } from "lucide-react";
import { useMe } from "../lib/hooks.js";
import { errorMessage } from "../lib/formErrors.js";
import { isEndingSession } from "../lib/session.js";
import { Loading } from "./Messages.js";

/** Where a visitor wanted to go before being asked to sign in. */
export interface FromState {
  from?: string;
}

function MeFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="alert" role="alert">
        <div className="stack">
          <p>{errorMessage(t, error)}</p>
          <div>
            <button type="button" className="button" onClick={retry}>
              <RotateCw size={18} aria-hidden="true" />
              {t("errors.retry")}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

export function RequireUser() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError && me.data === undefined) return <MeFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    if (isEndingSession()) return null;
    const from = location.pathname + location.search + location.hash;
    return <Navigate to="/sign-in" replace state={{ from } satisfies FromState} />;
  }
  return <Outlet context={me.data} />;
}

export function RequireVisitor() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.data && !isEndingSession()) {
    const from = (location.state as FromState | null)?.from;
    // Only a path inside this app (never "//host" or "/\host", which browsers read as a host).
    const target = from && /^\/(?![/\\])/.test(from) ? from : "/";
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
