import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { hashPassword, isCommonPassword } from "../../../auth/passwords.js";
import { confirmItIsThem } from "../../../auth/reauthentication.js";
import { revokeSessionsExcept } from "../../../auth/sessions.js";
import type { UserRow } from "../../../db/types.js";
import { badRequest } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";

export interface ChangePasswordInput extends CommandBase {
  actor: Actor;
  user: UserRow;
  currentPassword: string;
  newPassword: string;
}

export const commonPassword = () => badRequest("common_password", "This password is too common.", { password: "common_password" });

/** Replaces the password after checking the current one (counted against the sign-in limit); every other session ends. */
export async function changePassword({ ctx, ip, actor, user, currentPassword, newPassword }: ChangePasswordInput): Promise<void> {
  if (!(await confirmItIsThem(ctx, { sessionId: actor.sessionId, user }, currentPassword, "currentPassword"))) {
    throw badRequest("wrong_password", "The current password is wrong.", { currentPassword: "wrong_password" });
  }
  if (isCommonPassword(newPassword)) {
    throw badRequest("common_password", "This password is too common.", { newPassword: "common_password" });
  }
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("users").set({ password_hash: passwordHash, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
    const ended = await revokeSessionsExcept(tx, user.id, actor.sessionId);
    await recordAudit(tx, { ip, action: "user.password_changed", actorId: actor.userId, subjectType: "user", subjectId: user.id, data: { sessionsEnded: ended }, at: now });
  });
}
