/** The feed and e-mail notifications: kinds, delivery choices and their defaults (server and web app). */
import { z } from "zod";
import { Id } from "./accounts.js";
import { Person } from "./loops.js";

/**
 * Every kind of notification. `retention_warning` is produced by the privacy issue's retention
 * job; the rest by the commands named beside them.
 */
export const NOTIFICATION_KINDS = [
  "loop_created", // loops/send: a loop in a group I lead (in a flat group: a peer's loop)
  "comment_created", // comments: a comment in a thread I take part in
  "loop_approved", // loops/approve: my report was approved
  "task_published", // tasks: a task was published in my group
  "post_published", // posts: an information post in my group
  "survey_opened", // surveys: a survey opened in my group
  "checkin_opened", // checkins: a check-in occurrence asks me for a loop
  "invitation_received", // joining: I was invited by e-mail (an existing account)
  "group_creator_granted", // organisations: I may now create groups
  "retention_warning", // privacy (issue 7): data of my group will be removed soon
  "safeguarding_flagged", // safeguarding (issue 7): a leader flagged a loop "requires reporting"; I am a safeguarding contact
  "safeguarding_step", // safeguarding: a contact recorded what was done about a loop I flagged
  "export_ready", // data-exports (issue 7): the export I requested can be downloaded
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const DELIVERIES = ["immediate", "digest", "off"] as const;
export const Delivery = z.enum(DELIVERIES).meta({ description: "E-mail: at once, in the daily digest, or not at all (the feed always shows it)." });
export type Delivery = z.infer<typeof Delivery>;

/**
 * E-mail defaults: what concerns me personally comes at once (a comment, an approval, a check-in);
 * what concerns the group, and leaders' new loops, in the daily digest.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  loop_created: "digest",
  comment_created: "immediate",
  loop_approved: "immediate",
  task_published: "digest",
  post_published: "digest",
  survey_opened: "digest",
  checkin_opened: "immediate",
  // The invitation itself is an e-mail already: the feed item is the reminder.
  invitation_received: "off",
  group_creator_granted: "immediate",
  retention_warning: "digest",
  // A report the school may be required to pass on: at once.
  safeguarding_flagged: "immediate",
  // The flagging leader hears what became of their report.
  safeguarding_step: "immediate",
  // The export's own e-mail always comes (the person asked for it): the feed item is the reminder.
  export_ready: "off",
};

/** One item of my feed. Names only people I may know: an anonymous loop's sender never appears. */
export const FeedItem = z
  .object({
    id: Id,
    kind: NotificationKind,
    /** ISO 8601 instant; the date only (YYYY-MM-DD) when it is about an anonymous loop's sender's act. */
    at: z.string(),
    read: z.boolean(),
    organisationId: Id,
    organisationName: z.string(),
    groupId: Id.nullable(),
    groupName: z.string().nullable(),
    /** Who acted, when I may know them; null for the system and for anonymous senders. */
    actor: Person.nullable(),
    /** A task's, post's or survey's title or a check-in's prompt; never a loop's or comment's text. */
    title: z.string().nullable(),
    /** Where the item leads in the web app (a path of this instance). */
    link: z.string(),
  })
  .meta({ id: "FeedItem" });
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedPage = z.object({
  items: z.array(FeedItem),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type FeedPage = z.infer<typeof FeedPage>;

export const FeedQuery = z.object({
  cursor: z.string().max(200).optional(),
  unreadOnly: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const UnreadCount = z.object({ count: z.number().int() });
export const NotificationParams = z.object({ notificationId: Id });

export const NotificationPreference = z.object({
  kind: NotificationKind,
  delivery: Delivery,
  /** The default for this kind (what "reset" returns to). */
  defaultDelivery: Delivery,
});
export const NotificationPreferences = z.object({ preferences: z.array(NotificationPreference) });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
/** Only the kinds named change. */
export const UpdateNotificationPreferences = z.object({ preferences: z.partialRecord(NotificationKind, Delivery) });

/** The scope of a digest's List-Unsubscribe header link: every kind delivered in the daily digest. */
export const DIGEST_SCOPE = "digest";
/** What an unsubscribe link turns off: one kind, or (a digest's header link) every kind in the digest. */
export const UnsubscribeScope = z
  .union([NotificationKind, z.literal(DIGEST_SCOPE)])
  .meta({ description: "The kind the link turns off, or `digest` (a digest's List-Unsubscribe header): every kind delivered in the daily digest." });
export type UnsubscribeScope = z.infer<typeof UnsubscribeScope>;

/** What an unsubscribe link is about, shown before the one click. */
export const UnsubscribeInfo = z.object({
  kind: UnsubscribeScope,
  /** The account's e-mail, masked (k***@example.org). */
  email: z.string(),
  /** The scope's e-mails are already off. */
  off: z.boolean(),
});
export type UnsubscribeInfo = z.infer<typeof UnsubscribeInfo>;
export const UnsubscribeQuery = z.object({ token: z.string().min(10).max(300) });
