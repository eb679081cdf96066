/**
 * Who may do what with a feed item: it is its recipient's alone. Anyone else — whoever they
 * are — gets the same 404 as for an id that does not exist.
 */
import { definePolicy, type Actor } from "../../policies/index.js";
import type { NotificationRow } from "../../db/types.js";

export const notificationPolicy = definePolicy<NotificationRow, "read" | "markRead">("notification", ["read", "markRead"], (n) => ({
  id: n.id,
  organisationId: n.organisation_id,
}));
const isRecipient = (actor: Actor, n: NotificationRow) => n.user_id === actor.userId;
notificationPolicy.allow("read", isRecipient);
notificationPolicy.allow("markRead", isRecipient);

/**
 * A would-be recipient as an actor, for asking another module's policy whether they may see
 * the subject (e.g. `loopPolicy.can(asRecipient(id), "read", …)`) when computing recipients.
 * Not signed in: it carries no session and no instance-administrator standing.
 */
export const asRecipient = (userId: string): Actor => ({ userId, sessionId: "", isInstanceAdmin: false });
