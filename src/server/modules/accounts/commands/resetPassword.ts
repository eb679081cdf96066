import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { hashPassword, isCommonPassword } from "../../../auth/passwords.js";
import { revokeSessionsExcept } from "../../../auth/sessions.js";
import { consumeToken, issueToken, PASSWORD_RESET_TTL_MS } from "../one-time-tokens.js";
import { passwordResetEmail } from "../emails.js";
import { findUserByEmail, normaliseEmail } from "../queries.js";
import { commonPassword } from "./changePassword.js";

/**
 * Sends a reset link if the address belongs to an account. The answer and its timing are the
 * same either way: the mail goes out after the response, so nobody learns who has an account.
 */
export async function requestPasswordReset({ ctx, ip, email }: CommandBase & { email: string }): Promise<void> {
  await ctx.limiters.resetPerIp.consume(ip ?? "unknown");
  await ctx.limiters.resetPerAccount.consume(normaliseEmail(email));
  const user = await findUserByEmail(ctx.db, email);
  if (!user) return;
  const now = ctx.clock();
  const token = await ctx.db.transaction().execute(async (tx) => {
    const t = await issueToken(tx, { userId: user.id, kind: "password_reset", ttlMs: PASSWORD_RESET_TTL_MS, now });
    await recordAudit(tx, { ip, action: "user.password_reset_requested", actorId: null, subjectType: "user", subjectId: user.id, at: now });
    return t;
  });
  const url = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const sent = ctx.mailer.send(passwordResetEmail(user.email, user.name, user.language, url));
  // Not awaited by the caller: log a failure instead of revealing it.
  sent.catch((err: unknown) => ctx.log.error({ err }, "password reset e-mail could not be sent"));
}

/** Sets a new password from a reset link (single use, one hour) and ends every session. */
export async function resetPassword({ ctx, ip, token, password }: CommandBase & { token: string; password: string }): Promise<void> {
  if (isCommonPassword(password)) throw commonPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await consumeToken(tx, token, "password_reset", now);
    await tx.updateTable("users").set({ password_hash: passwordHash, updated_at: now.toISOString() }).where("id", "=", row.user_id).execute();
    const ended = await revokeSessionsExcept(tx, row.user_id, null);
    await recordAudit(tx, { ip, action: "user.password_reset", actorId: row.user_id, subjectType: "user", subjectId: row.user_id, data: { sessionsEnded: ended }, at: now });
  });
}
