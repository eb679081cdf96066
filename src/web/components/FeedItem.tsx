/**
 * One notification of the feed: an icon for its kind, a sentence saying what happened and where,
 * the title of what it is about, and when. The whole sentence links to its place and marks the
 * item read on the way. A sender the viewer may not know (an anonymous loop) is "Someone
 * (anonymous)": the sentence never guesses a name.
 */
import type { MouseEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import {
  BadgeCheck,
  CalendarClock,
  ClipboardList,
  Download,
  Hourglass,
  KeyRound,
  ListChecks,
  Megaphone,
  MessageSquare,
  Send,
  ShieldAlert,
  UserPlus,
  type LucideIcon,
} from "lucide-react";
import type { FeedItem as FeedItemData, NotificationKind } from "../api/notifications.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { formatLoopTime } from "./LoopCard.js";

export const KIND_ICONS: Record<NotificationKind, LucideIcon> = {
  loop_created: Send,
  comment_created: MessageSquare,
  loop_approved: BadgeCheck,
  task_published: ClipboardList,
  post_published: Megaphone,
  survey_opened: ListChecks,
  checkin_opened: CalendarClock,
  invitation_received: UserPlus,
  group_creator_granted: KeyRound,
  retention_warning: Hourglass,
  safeguarding_flagged: ShieldAlert,
  safeguarding_step: ShieldAlert,
  export_ready: Download,
};

/** Kinds whose actor is a sender who may stay anonymous: without a name, they are "Someone (anonymous)". */
const MAY_BE_ANONYMOUS: ReadonlySet<NotificationKind> = new Set(["loop_created", "comment_created"]);

/** What happened, in a sentence of the interface language. */
export function feedSentence(t: TFunction, item: FeedItemData): string {
  const place = item.groupName ?? item.organisationName;
  if (item.actor) return t(`feedPage.sentence.${item.kind}`, { actor: item.actor.name, place });
  const variant = MAY_BE_ANONYMOUS.has(item.kind) ? "anonymous" : "noActor";
  return t(`feedPage.sentence.${item.kind}_${variant}`, { place });
}

/** Only a path of this app (never "//host" or "/\host", which browsers read as a host). */
function isAppPath(link: string): boolean {
  return /^\/(?![/\\])/.test(link);
}

export function FeedItem({ item, onOpen }: { item: FeedItemData; onOpen: (item: FeedItemData) => void }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const Icon = KIND_ICONS[item.kind];
  const sentence = feedSentence(t, item);
  const content = (
    <>
      {item.read ? null : <span className="visually-hidden">{t("feedPage.unread")}: </span>}
      <span className="feed-item-sentence">{sentence}</span>
      {item.title ? <span className="feed-item-title">{item.title}</span> : null}
    </>
  );
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // A click that opens a new tab still counts as reading it.
    if (event.button === 0 || event.button === 1) onOpen(item);
  };
  return (
    <li className={item.read ? "feed-item" : "feed-item feed-item-unread"}>
      <span className="feed-item-icon" aria-hidden="true">
        <Icon size={20} />
      </span>
      <div className="feed-item-body">
        {isAppPath(item.link) ? (
          <Link to={item.link} className="feed-item-link" onClick={open} onAuxClick={open}>
            {content}
          </Link>
        ) : (
          <p className="feed-item-link">{content}</p>
        )}
        <p className="feed-item-meta">
          <time dateTime={item.at}>{formatLoopTime(item.at, locale)}</time>
          {item.groupName ? ` · ${item.organisationName}` : null}
        </p>
      </div>
      {item.read ? null : <span className="feed-unread-dot" aria-hidden="true" />}
    </li>
  );
}
