/** The only place that shapes the identities module's output. */
import type { Selectable } from "kysely";
import type { UserIdentitiesTable } from "../../db/tables/identities.js";
import type { Actor } from "../../policies/index.js";
import type { Identity } from "../../../shared/schemas/identities.js";
import { identityPolicy } from "./policy.js";

export function presentIdentity(actor: Actor, identity: Selectable<UserIdentitiesTable>, otherWayIn: boolean, providerName: string): Identity {
  return {
    id: identity.id,
    provider: providerName,
    email: identity.email,
    linkedAt: identity.created_at,
    lastUsedAt: identity.last_used_at,
    abilities: { unlink: identityPolicy.can(actor, "unlink", { identity, otherWayIn }) },
  };
}
