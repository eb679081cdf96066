import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { confirmItIsThem } from "../../../auth/reauthentication.js";
import { isUniqueViolation } from "../../../db/index.js";
import type { UserRow } from "../../../db/types.js";
import { badRequest, conflict } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { consumeToken, EMAIL_CHANGE_TTL_MS, issueToken } from "../one-time-tokens.js";
import { emailChangeConfirmation, emailChangedNotice } from "../emails.js";
import { findUserById, isEmailTaken, normaliseEmail } from "../queries.js";

const emailTaken = () => conflict("email_taken", "An account with this e-mail address already exists.", { newEmail: "email_taken" });

/**
 * Starts an e-mail change: checks the password (counted against the sign-in limit) — or, for an
 * account made with a provider, a fresh re-authentication there — and sends a confirmation link
 * to the new address.
 */
export async function requestEmailChange(input: CommandBase & { actor: Actor; user: UserRow; currentPassword?: string | undefined; newEmail: string }) {
  const { ctx, ip, actor, user, currentPassword } = input;
  const newEmail = input.newEmail.trim();
  if (!(await confirmItIsThem(ctx, { sessionId: actor.sessionId, user }, currentPassword, "currentPassword"))) {
    throw badRequest("wrong_password", "The current password is wrong.", { currentPassword: "wrong_password" });
  }
  if (normaliseEmail(newEmail) !== user.email_normalized && (await isEmailTaken(ctx.db, newEmail))) throw emailTaken();
  const now = ctx.clock();
  const token = await ctx.db.transaction().execute(async (tx) => {
    const t = await issueToken(tx, { userId: user.id, kind: "email_change", ttlMs: EMAIL_CHANGE_TTL_MS, now, newEmail });
    await recordAudit(tx, { ip, action: "user.email_change_requested", actorId: actor.userId, subjectType: "user", subjectId: user.id, at: now });
    return t;
  });
  const url = `${ctx.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send(emailChangeConfirmation(newEmail, user.name, user.language, url));
}

/** Confirms an e-mail change from the link; the old address is told. */
export async function confirmEmailChange({ ctx, ip, token }: CommandBase & { token: string }): Promise<{ user: UserRow; oldEmail: string }> {
  const now = ctx.clock();
  let result: { user: UserRow; oldEmail: string };
  try {
    result = await ctx.db.transaction().execute(async (tx) => {
      const row = await consumeToken(tx, token, "email_change", now);
      const user = await findUserById(tx, row.user_id);
      if (!user || !row.new_email) throw badRequest("invalid_token", "This link is invalid, already used or expired.");
      const changes = { email: row.new_email, email_normalized: normaliseEmail(row.new_email), updated_at: now.toISOString() };
      await tx.updateTable("users").set(changes).where("id", "=", user.id).execute();
      await recordAudit(tx, { ip, action: "user.email_changed", actorId: user.id, subjectType: "user", subjectId: user.id, at: now });
      return { user: { ...user, ...changes }, oldEmail: user.email };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  if (normaliseEmail(result.oldEmail) !== result.user.email_normalized) {
    ctx.mailer
      .send(emailChangedNotice(result.oldEmail, result.user.name, result.user.language, result.user.email))
      .catch((err: unknown) => ctx.log.error({ err }, "e-mail change notice could not be sent"));
  }
  return result;
}
