/** Who may do what to an account and its sessions. Later modules add rules (e.g. group peers see pictures). */
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
