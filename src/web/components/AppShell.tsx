/** The frame of every page: skip link, header with product name, navigation and language
 * switch, and the <main> landmark the pages render into. */
import { lazy, Suspense, useEffect } from "react";
import { Link, NavLink, Outlet, useNavigation } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { House, Inbox, LayoutGrid, LogIn, LogOut, MonitorSmartphone, Send, UserPlus, UserRound, type LucideIcon } from "lucide-react";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { NotificationBell } from "./NotificationBell.js";
import { PolicyBanner, PolicyFooter, useMyPolicyState } from "./PrivacyPolicy.js";
import { currentLanguage } from "../i18n/index.js";
import { listGroups } from "../api/groups.js";
import { listInbox } from "../api/loops.js";
import { useMe, useSignOut } from "../lib/hooks.js";
import { useLiveEvents } from "../lib/liveEvents.js";
import { unreadCountKey } from "../lib/loopKeys.js";
import { groupsKey } from "../lib/queryClient.js";

const ICON = 20;

// The switcher's menu (react-aria) is its own chunk, so the first screen stays small; until it
// arrives, the same place links to the list of my groups.
const GroupSwitcher = lazy(() => import("./GroupSwitcher.js").then((m) => ({ default: m.GroupSwitcher })));

/**
 * One link of the header navigation: icon above (phones) or beside (wider) its label, with an
 * optional count on the icon (read out as words, e.g. "3 unread").
 */
function NavItem(props: { to: string; end?: boolean; icon: LucideIcon; label: string; count?: { shown: string; spoken: string } | null; wideOnly?: boolean }) {
  const { to, end, icon: Icon, label, count, wideOnly } = props;
  return (
    <li className={wideOnly ? "nav-wide-only" : undefined}>
      <NavLink to={to} end={end} className="nav-link">
        <span className="nav-icon">
          <Icon size={ICON} aria-hidden="true" />
          {count ? (
            <span className="nav-count" aria-hidden="true">
              {count.shown}
            </span>
          ) : null}
        </span>
        {label}
        {count ? <span className="visually-hidden">, {count.spoken}</span> : null}
      </NavLink>
    </li>
  );
}

/** How many loops wait unread in my inbox (a first page's worth: "30+" beyond). */
function useUnreadCount(enabled: boolean): { shown: string; spoken: string } | null {
  const { t } = useTranslation();
  const unread = useQuery({ queryKey: unreadCountKey, queryFn: () => listInbox({ unread: "true" }), enabled });
  const loops = unread.data?.loops.length ?? 0;
  if (!enabled || loops === 0) return null;
  const more = unread.data?.nextCursor !== null;
  return {
    shown: more ? `${loops}+` : String(loops),
    spoken: more ? t("loopNav.unreadMore", { count: loops }) : t("loopNav.unread", { count: loops }),
  };
}

export function AppShell() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigation = useNavigation();
  const savedLanguage = me?.language;
  // Loops arrive live on every page while signed in: one event stream for the whole app.
  useLiveEvents(Boolean(me));
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups, enabled: Boolean(me) });
  // The inbox is for those who receive loops: leaders and tutors, and peers of flat groups.
  const receivesLoops = (groups.data ?? []).some((group) => group.myRole !== null && group.abilities.readLoops);
  // My loops is for those who send them; a teacher's header stays short.
  const sendsLoops = (groups.data ?? []).some((group) => group.abilities.sendLoop);
  const unreadCount = useUnreadCount(receivesLoops);
  const policy = useMyPolicyState(Boolean(me));

  // Once signed in, the account's saved language wins over the browser's.
  useEffect(() => {
    if (savedLanguage && savedLanguage !== currentLanguage()) void i18n.changeLanguage(savedLanguage);
  }, [savedLanguage, i18n]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("app.skipToContent")}
      </a>
      <header className="shell-header">
        <div className="shell-header-inner">
          <NavLink to={me ? "/" : "/sign-in"} className="brand" aria-label={t("app.homeLink")}>
            <svg className="brand-mark" width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
              <path d="M16 6a10 10 0 1 0 10 10" fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
              <circle cx="25.5" cy="10" r="2.8" fill="currentColor" />
            </svg>
            <span>{t("app.name")}</span>
          </NavLink>
          <nav className="nav" aria-label={t("nav.label")}>
            <ul className="nav-list">
              {me ? (
                <>
                  <NavItem to="/" end icon={House} label={t("nav.home")} />
                  <li>
                    <Suspense
                      fallback={
                        <Link to="/" className="nav-link">
                          <LayoutGrid size={ICON} aria-hidden="true" />
                          {t("nav.groups")}
                        </Link>
                      }
                    >
                      <GroupSwitcher />
                    </Suspense>
                  </li>
                  {receivesLoops ? <NavItem to="/inbox" icon={Inbox} label={t("loopNav.inbox")} count={unreadCount} /> : null}
                  {sendsLoops ? <NavItem to="/my/loops" icon={Send} label={t("loopNav.myLoops")} /> : null}
                  <NavItem to="/profile" icon={UserRound} label={t("nav.profile")} />
                  {/* On a phone the profile page leads to the sessions; the header keeps room for the rest. */}
                  <NavItem to="/sessions" icon={MonitorSmartphone} label={t("nav.sessions")} wideOnly />
                  <li>
                    <button type="button" className="nav-button" onClick={() => void signOut()}>
                      <LogOut size={ICON} aria-hidden="true" />
                      {t("nav.signOut")}
                    </button>
                  </li>
                </>
              ) : (
                <>
                  <NavItem to="/sign-in" icon={LogIn} label={t("nav.signIn")} />
                  <NavItem to="/sign-up" icon={UserPlus} label={t("nav.signUp")} />
                </>
              )}
            </ul>
          </nav>
          {/* On phones the bell shares the top row with the language switch. */}
          {me ? <NotificationBell /> : null}
          <LanguageSwitch />
        </div>
      </header>
      {me && policy.data?.banner ? <PolicyBanner state={policy.data} /> : null}
      <main id="main" tabIndex={-1} aria-busy={navigation.state !== "idle" || undefined}>
        <Outlet />
      </main>
      <PolicyFooter />
    </>
  );
}
