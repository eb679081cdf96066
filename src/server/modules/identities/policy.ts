/** Who may do what with a sign-in link: only its owner, and unlinking only while another way in remains. */
import { definePolicy } from "../../policies/index.js";
import type { UserIdentitiesTable } from "../../db/tables/identities.js";
import type { Selectable } from "kysely";

/** A link as its owner sees it: the row, and whether the account has another way in without it. */
export interface IdentityAccess {
  identity: Selectable<UserIdentitiesTable>;
  otherWayIn: boolean;
}

export const identityPolicy = definePolicy<IdentityAccess, "read" | "unlink">("user_identity", ["read", "unlink"], (i) => ({ id: i.identity.id, organisationId: null }));
identityPolicy.allow("read", (actor, i) => i.identity.user_id === actor.userId);
identityPolicy.allow("unlink", (actor, i) => i.identity.user_id === actor.userId && i.otherWayIn);
