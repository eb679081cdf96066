/** The only place that shapes joining output. */
import type { InvitationRow } from "../../db/types.js";

/** `withdraw` comes from the caller's policy (the group's or the organisation's). */
export function presentInvitation(row: InvitationRow, abilities: { withdraw: boolean }) {
  return { id: row.id, email: row.email, role: row.purpose, createdAt: row.created_at, expiresAt: row.expires_at, abilities };
}
