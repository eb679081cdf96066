/** The feed and e-mail notifications: kinds, delivery choices and their defaults (server and web app). */
import { z } from "zod";

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
};
