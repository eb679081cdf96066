import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { revokeSession, revokeSessionsExcept } from "../../../auth/sessions.js";
import type { SessionRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";

/** Ends one of the actor's sessions (the current one too: that is signing out). */
export async function endSession({ ctx, ip, actor, session }: CommandBase & { actor: Actor; session: Pick<SessionRow, "id" | "user_id"> }) {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    await revokeSession(tx, session.user_id, session.id);
    await recordAudit(tx, { ip, action: "session.ended", actorId: actor.userId, subjectType: "session", subjectId: session.id, at: now });
  });
}

/** Ends every session of the actor except the one making the request. */
export async function endOtherSessions({ ctx, ip, actor }: CommandBase & { actor: Actor }): Promise<number> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    const ended = await revokeSessionsExcept(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, { ip, action: "session.others_ended", actorId: actor.userId, subjectType: "user", subjectId: actor.userId, data: { sessionsEnded: ended }, at: now });
    return ended;
  });
}
