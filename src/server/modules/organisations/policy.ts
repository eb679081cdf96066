/** Who may do what in an organisation. The resource carries the actor's own membership row. */
import { definePolicy, type Rule } from "../../policies/index.js";
import type { OrganisationMemberRow, OrganisationRow } from "../../db/types.js";

/** An organisation as seen by one actor: the row and the actor's membership (or null). */
export interface OrgAccess {
  org: OrganisationRow;
  member: Pick<OrganisationMemberRow, "is_admin" | "is_group_creator"> | null;
}

export const ORG_ACTIONS = ["read", "update", "manageAdmins", "manageGroupCreators", "readMembers", "readAudit", "createGroup", "readStatistics"] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];
export const orgPolicy = definePolicy<OrgAccess, OrgAction>("organisation", ORG_ACTIONS, (o) => ({ id: o.org.id, organisationId: o.org.id }));

const isMember: Rule<OrgAccess> = (_actor, o) => o.member !== null;
const isAdmin: Rule<OrgAccess> = (_actor, o) => o.member?.is_admin === true;
const isGroupCreator: Rule<OrgAccess> = (_actor, o) => o.member?.is_group_creator === true;

orgPolicy.allow("read", isMember);
// readStatistics: the organisation's dashboard (issue 6), over every group.
for (const action of ["update", "manageAdmins", "manageGroupCreators", "readMembers", "readAudit", "readStatistics"] as const) {
  orgPolicy.allow(action, isAdmin);
}
orgPolicy.allow("createGroup", isGroupCreator);
orgPolicy.allow("createGroup", isAdmin);

/** The instance as a resource: who may create organisations on it. */
export interface InstanceAccess {
  orgCreation: "open" | "admin";
}
export const instancePolicy = definePolicy<InstanceAccess, "read" | "createOrganisation">("instance", ["read", "createOrganisation"]);
instancePolicy.allow("read", () => true);
instancePolicy.allow("createOrganisation", (actor, i) => i.orgCreation === "open" || actor.isInstanceAdmin);
