/** The erasure API ("delete my account", issue 7): one function per endpoint, and the query key. */
import type { ErasurePreview, MemberErasure } from "../../shared/schemas/erasure.js";
import { apiRequest } from "./client.js";

export type { ErasurePreview, MemberErasure };

export const erasurePreviewKey = ["erasure-preview"] as const;

export function getErasurePreview(): Promise<ErasurePreview> {
  return apiRequest<ErasurePreview>("GET", "/me/erasure");
}

/** Erases the account: with the password, or without one right after confirming at the sign-in provider. */
export async function eraseMyAccount(password: string | undefined): Promise<void> {
  await apiRequest<{ erased: true }>("POST", "/me/erase", { json: { ...(password === undefined ? {} : { password }), confirm: true } });
}

/** An administrator erases a member's data in the organisation (the whole account when they belong nowhere else). */
export async function eraseMember(orgId: string, userId: string): Promise<MemberErasure> {
  return apiRequest<MemberErasure>("POST", `/organisations/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}/erase`, { json: { confirm: true } });
}
