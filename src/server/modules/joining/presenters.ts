/** The only place that shapes joining output. */
import type { InvitationRow } from "../../db/types.js";

export function presentInvitation(row: InvitationRow) {
  return { id: row.id, email: row.email, role: row.purpose, createdAt: row.created_at, expiresAt: row.expires_at };
}
