/** The only place that shapes accounts output. */
import type { Actor } from "../../policies/index.js";
import type { SessionRow, UserRow } from "../../db/types.js";
import type { Session, User } from "../../../shared/schemas/accounts.js";
import { userPolicy } from "./policy.js";
import { instancePolicy, type InstanceAccess } from "../organisations/policy.js";

/** Own-origin URL of a user's picture; the key's random part busts caches when it changes. */
export function pictureUrl(user: Pick<UserRow, "id" | "picture_key">): string | null {
  if (!user.picture_key) return null;
  const version = user.picture_key.split("/")[1]?.split(".")[0] ?? "";
  return `/api/v1/users/${user.id}/picture?v=${version}`;
}

export function presentUser(actor: Actor, user: UserRow, instance: InstanceAccess): User {
  const abilities = userPolicy.abilities(actor, user);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    language: user.language,
    pictureUrl: pictureUrl(user),
    isInstanceAdmin: user.is_instance_admin,
    createdAt: user.created_at,
    abilities: {
      update: abilities.update,
      manageInstance: abilities.manageInstance,
      createOrganisation: actor.userId === user.id && instancePolicy.can(actor, "createOrganisation", instance),
    },
  };
}

export function presentSession(actor: Actor, s: SessionRow): Session {
  return {
    id: s.id,
    current: s.id === actor.sessionId,
    device: { browser: s.browser, browserVersion: s.browser_version, os: s.os, osVersion: s.os_version, deviceType: s.device_type },
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
  };
}
