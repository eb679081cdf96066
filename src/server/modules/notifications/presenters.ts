/**
 * The only place that shapes feed output. A feed row names its actor only when the acting
 * module stored one: an anonymous loop's sender (their loop, their comments on it) is stored as
 * no actor, and such an item's time is shown as its date only (YYYY-MM-DD) — the stored time is
 * already the start of that day, and the date is all the recipient may know (design.md §7.3).
 */
import type { NotificationRow } from "../../db/types.js";
import type { FeedItem, NotificationKind } from "../../../shared/schemas/notifications.js";
import { presentPerson } from "../loops/presenters.js";

type Card = { id: string; name: string; picture_key: string | null };

/** Names and cards a page of the feed needs, fetched once per page. */
export interface FeedDetails {
  groups: Map<string, string>;
  organisations: Map<string, string>;
  cards: Map<string, Card>;
}

/** Where an item leads in the web app (the contract of issue 5, shared with the e-mails). */
export function feedLink(n: Pick<NotificationRow, "kind" | "organisation_id" | "group_id" | "loop_id" | "post_id" | "survey_id" | "occurrence_id">): string {
  const group = `/groups/${n.group_id ?? ""}`;
  switch (n.kind as NotificationKind) {
    case "loop_created":
    case "comment_created":
    case "loop_approved":
      return `/loops/${n.loop_id ?? ""}`;
    case "task_published":
      return `${group}/tasks`;
    case "post_published":
      return `${group}/posts/${n.post_id ?? ""}`;
    case "survey_opened":
      return `${group}/surveys/${n.survey_id ?? ""}`;
    case "checkin_opened":
      return `${group}/send?checkin=${n.occurrence_id ?? ""}`;
    case "group_creator_granted":
      return `/organisations/${n.organisation_id}`;
    case "retention_warning":
      return group;
    // The contacts' list of flags: the flag itself is not a column of the feed (safeguarding module).
    case "safeguarding_flagged":
    case "safeguarding_step":
      return `/organisations/${n.organisation_id}/safeguarding`;
    case "export_ready":
      return "/profile/data";
    case "invitation_received":
    default:
      return "/";
  }
}

/** True when the item is about an anonymous loop's sender's act: no actor, and a loop. */
const aboutAnonymousSender = (n: NotificationRow) => n.actor_id === null && n.loop_id !== null;

export function presentFeedItem(n: NotificationRow, d: FeedDetails): FeedItem {
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    at: aboutAnonymousSender(n) ? n.created_at.slice(0, 10) : n.created_at,
    read: n.read_at !== null,
    organisationId: n.organisation_id,
    organisationName: d.organisations.get(n.organisation_id) ?? "",
    groupId: n.group_id,
    groupName: n.group_id ? (d.groups.get(n.group_id) ?? null) : null,
    actor: n.actor_id ? presentPerson(d.cards.get(n.actor_id)) : null,
    title: n.title,
    link: feedLink(n),
  };
}
