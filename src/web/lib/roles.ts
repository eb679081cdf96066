/** What to call people: a group's own role titles, in the interface language. */
import type { TFunction } from "i18next";
import type { Language } from "../../shared/schemas/accounts.js";
import type { Group } from "../../shared/schemas/groups.js";
import type { GroupRoleName } from "../api/groups.js";

/**
 * A role as this group calls it ("Teacher", "Elev"). Tutors have no group title of their own;
 * null means the person is not a member (an organisation administrator looking in).
 */
export function roleTitle(t: TFunction, group: Pick<Group, "roleTitles">, role: GroupRoleName | null, language: Language): string {
  if (role === "leader") return group.roleTitles.leader[language];
  if (role === "sender") return group.roleTitles.sender[language];
  if (role === "tutor") return t("roles.tutor");
  return t("roles.notMember");
}

/** A role in words that fit every group, for lists that span groups (organisation members, audit log). */
export function roleName(t: TFunction, role: string): string {
  return t([`roles.generic.${role}`, "roles.generic.unknown"], { role });
}
