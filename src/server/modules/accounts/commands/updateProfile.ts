import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { UserRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";

export interface UpdateProfileInput extends CommandBase {
  actor: Actor;
  user: UserRow;
  name?: string | undefined;
  language?: "en" | "sv" | undefined;
}

/** Changes the name and/or the interface language. */
export async function updateProfile({ ctx, ip, actor, user, name, language }: UpdateProfileInput): Promise<UserRow> {
  const now = ctx.clock().toISOString();
  const changes = { ...(name !== undefined ? { name } : {}), ...(language !== undefined ? { language } : {}) };
  if (Object.keys(changes).length === 0) return user;
  return ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("users").set({ ...changes, updated_at: now }).where("id", "=", user.id).execute();
    await recordAudit(tx, { ip,
      action: "user.profile_updated",
      actorId: actor.userId,
      subjectType: "user",
      subjectId: user.id,
      data: { fields: Object.keys(changes).join(",") },
      at: new Date(now),
    });
    return { ...user, ...changes, updated_at: now };
  });
}
