/** The only place that shapes organisations output. */
import type { Actor } from "../../policies/index.js";
import type { Organisation } from "../../../shared/schemas/organisations.js";
import { orgPolicy, type OrgAccess } from "./policy.js";
import { presentSignInRule } from "./sign-in-rules.js";

export function presentOrganisation(actor: Actor, access: OrgAccess): Organisation {
  const { read: _read, ...abilities } = orgPolicy.abilities(actor, access);
  // The sign-in rule is a setting: shown to those who may change the settings.
  return {
    id: access.org.id,
    name: access.org.name,
    type: access.org.type,
    timeZone: access.org.time_zone,
    minSenders: access.org.statistics_min_senders,
    retentionDefaults: { period: access.org.default_retention_period, purpose: access.org.default_retention_purpose },
    exportCommentAuthors: access.org.export_comment_authors,
    erasedUserComments: access.org.erased_user_comments,
    ...(abilities.update ? { signIn: presentSignInRule(access.org) } : {}),
    createdAt: access.org.created_at,
    myRoles: { admin: access.member?.is_admin === true, groupCreator: access.member?.is_group_creator === true },
    abilities,
  };
}
