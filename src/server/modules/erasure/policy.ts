/**
 * Who may erase whose data. A person erases their own account (the route acts on the session's
 * own user only). An organisation's administrators erase its members' data — the same people who
 * read its members and export their data (`orgPolicy.readMembers`), so the web app shows the
 * action by that ability.
 */
import { definePolicy } from "../../policies/index.js";
import { orgPolicy, type OrgAccess } from "../organisations/policy.js";

export const memberErasurePolicy = definePolicy<OrgAccess, "read" | "eraseMember">("member_erasure", ["read", "eraseMember"], (o) => ({ id: o.org.id, organisationId: o.org.id }));
memberErasurePolicy.allow("read", (actor, o) => orgPolicy.can(actor, "read", o));
memberErasurePolicy.allow("eraseMember", (actor, o) => orgPolicy.can(actor, "readMembers", o));
