/**
 * Who may do what in safeguarding. A flag and its history are seen only by the leader who
 * flagged it and the organisation's safeguarding contacts — never by the loop's sender (even one
 * who is a contact), other leaders or administrators who are not contacts: to them a flag answers
 * 404 exactly like a missing one. Only contacts record what was done.
 */
import { and, definePolicy, type Rule } from "../../policies/index.js";
import type { LoopRow } from "../../db/types.js";
import type { SafeguardingFlagRow } from "../../db/tables/safeguarding.js";
import { leadsLoopGroup, loopPolicy, type LoopAccess } from "../loops/policy.js";
import { orgPolicy, type OrgAccess } from "../organisations/policy.js";

/** A flag as one actor meets it: whether they are a contact of its organisation, and its loop (null once gone). */
export interface FlagAccess {
  flag: SafeguardingFlagRow;
  isContact: boolean;
  loop: LoopRow | null;
}

export const FLAG_ACTIONS = ["read", "recordStep"] as const;
// A refused look at the flag of an anonymous loop records the tenant only, as the loops module does:
// the one refused may be its sender, and the audit log must not tie them to it.
export const flagPolicy = definePolicy<FlagAccess, (typeof FLAG_ACTIONS)[number]>("safeguarding_flag", FLAG_ACTIONS, (f) => ({
  id: f.loop?.is_anonymous ? null : f.flag.id,
  organisationId: f.flag.organisation_id,
}));

const isFlagger: Rule<FlagAccess> = (actor, f) => f.flag.flagged_by === actor.userId;
const isContact: Rule<FlagAccess> = (_actor, f) => f.isContact;
// The sender must not learn that their loop was reported, even when they are a contact themselves.
const notTheSender: Rule<FlagAccess> = (actor, f) => f.loop?.sender_id !== actor.userId;

flagPolicy.allow("read", and(isFlagger, notTheSender));
flagPolicy.allow("read", and(isContact, notTheSender));
flagPolicy.allow("recordStep", and(isContact, notTheSender));

/**
 * Safeguarding on a loop's page: whoever reads the loop may ask (and sees only their own flags,
 * or every flag when a contact); its leaders and tutors — not its sender — flag it. Tutors may:
 * an external tutor who reads something a school must report needs a way to raise it, and the
 * contacts, the school's own staff, decide what is reported.
 */
export const loopSafeguardingPolicy = definePolicy<LoopAccess, "read" | "flag">("loop_safeguarding", ["read", "flag"], (l) => ({
  // As for the loop itself: an anonymous loop's id is not tied to the asker in the audit log.
  id: l.loop.is_anonymous ? null : l.loop.id,
  organisationId: l.loop.organisation_id,
}));
loopSafeguardingPolicy.allow("read", (actor, l) => loopPolicy.can(actor, "read", l));
loopSafeguardingPolicy.allow("flag", (actor, l) => loopPolicy.can(actor, "read", l) && leadsLoopGroup(actor, l) && l.loop.sender_id !== actor.userId);

/** An organisation's safeguarding as one actor meets it. */
export interface OrgSafeguardingAccess {
  org: OrgAccess;
  isContact: boolean;
}
export const orgSafeguardingPolicy = definePolicy<OrgSafeguardingAccess, "read" | "manageContacts">("safeguarding", ["read", "manageContacts"], (o) => ({
  id: o.org.org.id,
  organisationId: o.org.org.id,
}));
// Members know who the contacts are (a leader who flags sees where it goes) and list their own flags.
orgSafeguardingPolicy.allow("read", (actor, o) => orgPolicy.can(actor, "read", o.org));
orgSafeguardingPolicy.allow("manageContacts", (actor, o) => orgPolicy.can(actor, "manageAdmins", o.org));
