/** Single-use tokens sent by e-mail (password reset, e-mail change). Only their hash is stored. */
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../../db/index.js";
import type { AuthTokenRow } from "../../db/types.js";
import { hashToken, newSecretToken } from "../../auth/tokens.js";
import { badRequest } from "../../http/errors.js";

/** A reset link works for one hour. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** An e-mail change confirmation link works for one day. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

type Kind = AuthTokenRow["kind"];

/** Issues a token, voiding the user's earlier unused tokens of the same kind. */
export async function issueToken(
  db: DbOrTx,
  input: { userId: string; kind: Kind; ttlMs: number; now: Date; newEmail?: string },
): Promise<string> {
  const now = input.now.toISOString();
  await db
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("user_id", "=", input.userId)
    .where("kind", "=", input.kind)
    .where("used_at", "is", null)
    .execute();
  const token = newSecretToken();
  await db
    .insertInto("auth_tokens")
    .values({
      id: randomUUID(),
      user_id: input.userId,
      kind: input.kind,
      token_hash: hashToken(token),
      new_email: input.newEmail ?? null,
      created_at: now,
      expires_at: new Date(input.now.getTime() + input.ttlMs).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

const invalidToken = () => badRequest("invalid_token", "This link is invalid, already used or expired. Ask for a new one.");

/**
 * Marks a live token used and returns it; a used, expired or unknown token is 400 invalid_token.
 * The conditional update makes two simultaneous uses of one token impossible.
 */
export async function consumeToken(db: DbOrTx, token: string, kind: Kind, now: Date): Promise<AuthTokenRow> {
  const row = await db
    .selectFrom("auth_tokens")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now.getTime()) throw invalidToken();
  const res = await db
    .updateTable("auth_tokens")
    .set({ used_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw invalidToken();
  return { ...row, used_at: now.toISOString() };
}
