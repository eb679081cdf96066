/** Who may do what to an account, its public card (name, picture) and its sessions. */
import { definePolicy } from "../../policies/index.js";
import type { SessionRow, UserRow } from "../../db/types.js";

export const USER_ACTIONS = ["read", "update", "manageInstance"] as const;
export const userPolicy = definePolicy<Pick<UserRow, "id">, (typeof USER_ACTIONS)[number]>("user", USER_ACTIONS);

userPolicy.allow("read", (actor, user) => actor.userId === user.id);
userPolicy.allow("update", (actor, user) => actor.userId === user.id);
userPolicy.allow("manageInstance", (actor, user) => actor.userId === user.id && actor.isInstanceAdmin);

export const SESSION_ACTIONS = ["read", "revoke"] as const;
export const sessionPolicy = definePolicy<Pick<SessionRow, "user_id">, (typeof SESSION_ACTIONS)[number]>("session", SESSION_ACTIONS);

sessionPolicy.allow("read", (actor, session) => actor.userId === session.user_id);
sessionPolicy.allow("revoke", (actor, session) => actor.userId === session.user_id);

/** A user's public card (name and picture) as one viewer sees it. */
export interface UserCardAccess {
  user: UserRow;
  /** The viewer and the user meet in an active group where they may see each other (groups decides). */
  meetInGroup: boolean;
}
export const userCardPolicy = definePolicy<UserCardAccess, "read">("user_card", ["read"], (c) => ({ id: c.user.id, organisationId: null }));
userCardPolicy.allow("read", (actor, c) => actor.userId === c.user.id);
userCardPolicy.allow("read", (_actor, c) => c.meetInGroup);
