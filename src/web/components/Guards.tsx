/** Route guards: signed-in pages send visitors to /sign-in (and back afterwards); sign-in and
 * sign-up send a signed-in user home, or back to the page they were sent from. */
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../lib/hooks.js";
import { isEndingSession } from "../lib/session.js";
import { LoadFailed, Loading } from "./Messages.js";
import { PolicyNotice, useMyPolicyState } from "./PrivacyPolicy.js";

/** Where a visitor wanted to go before being asked to sign in. */
export interface FromState {
  from?: string;
}

/**
 * The state of the page a visitor returns to after signing in or up. Only this app's own
 * navigation can set history state (a link cannot), so a join or invitation page may complete
 * on arrival without asking again: the person already said yes by signing up through it.
 */
export interface ReturnState {
  afterSignIn?: boolean;
}

/** True when this page was reached by signing in or up on its way. */
export function arrivedAfterSignIn(state: unknown): boolean {
  return (state as ReturnState | null)?.afterSignIn === true;
}

/** The page a visitor on sign-in/sign-up is headed for, when it is a path of this app. */
export function returnPath(state: unknown): string | null {
  const from = (state as FromState | null)?.from;
  // Only a path inside this app (never "//host" or "/\host", which browsers read as a host).
  return from && /^\/(?![/\\])/.test(from) ? from : null;
}

function MeFailed({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="page">
      <LoadFailed error={error} retry={retry} />
    </div>
  );
}

/** Pages a signed-in person reaches while a significant privacy policy change waits for their acknowledgement. */
const OPEN_BEFORE_ACKNOWLEDGING = new Set(["/profile/data", "/profile/delete"]);

/** Visitors go to `visitorTo` (sign-in by default; join and invitation links send them to sign up). */
export function RequireUser({ visitorTo = "/sign-in" }: { visitorTo?: "/sign-in" | "/sign-up" }) {
  const me = useMe();
  const location = useLocation();
  // The server says whether a significant privacy policy change waits to be acknowledged.
  const policy = useMyPolicyState(Boolean(me.data));
  if (me.isPending) return <Loading />;
  if (me.isError && me.data === undefined) return <MeFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    if (isEndingSession()) return null;
    const from = location.pathname + location.search + location.hash;
    return <Navigate to={visitorTo} replace state={{ from } satisfies FromState} />;
  }
  if (policy.isPending) return <Loading />;
  // Nothing else until it is acknowledged (a failed check lets the person in: the next page asks again),
  // but taking one's data and deleting one's account: rights that must not wait on accepting the change.
  if (policy.data?.mustAcknowledge && !OPEN_BEFORE_ACKNOWLEDGING.has(location.pathname)) return <PolicyNotice state={policy.data} />;
  return <Outlet context={me.data} />;
}

export function RequireVisitor() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.data && !isEndingSession()) {
    const target = returnPath(location.state);
    if (target === null) return <Navigate to="/" replace />;
    return <Navigate to={target} replace state={{ afterSignIn: true } satisfies ReturnState} />;
  }
  return <Outlet />;
}
