import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { hashPassword, isCommonPassword } from "../../../auth/passwords.js";
import { createSession } from "../../../auth/sessions.js";
import { isUniqueViolation } from "../../../db/index.js";
import type { UserRow } from "../../../db/types.js";
import { badRequest, conflict } from "../../../http/errors.js";
import { isEmailTaken, normaliseEmail } from "../queries.js";

export interface RegisterUserInput extends CommandBase {
  name: string;
  email: string;
  password: string;
  language: "en" | "sv";
  headers: FastifyRequest["headers"];
}

const emailTaken = () => conflict("email_taken", "An account with this e-mail address already exists.", { email: "email_taken" });

/**
 * Creates an account and signs it in. The first account of an instance becomes its instance
 * administrator: claimed with a conditional update, so two simultaneous first sign-ups cannot both win.
 */
export async function registerUser({ ctx, ip, name, email, password, language, headers }: RegisterUserInput) {
  if (isCommonPassword(password)) {
    throw badRequest("common_password", "This password is too common.", { password: "common_password" });
  }
  const passwordHash = await hashPassword(password);
  const now = ctx.clock();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (await isEmailTaken(tx, email)) throw emailTaken();
      const claim = await tx
        .updateTable("instance_state")
        .set({ admin_claimed_at: now.toISOString() })
        .where("id", "=", 1)
        .where("admin_claimed_at", "is", null)
        .executeTakeFirst();
      const user: UserRow = {
        id: randomUUID(),
        email: email.trim(),
        email_normalized: normaliseEmail(email),
        name,
        password_hash: passwordHash,
        language,
        picture_key: null,
        is_instance_admin: Number(claim.numUpdatedRows) === 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await tx.insertInto("users").values(user).execute();
      const { token, session } = await createSession(tx, { userId: user.id, headers, now, timeouts: ctx.timeouts });
      await recordAudit(tx, { ip,
        action: "user.registered",
        actorId: user.id,
        subjectType: "user",
        subjectId: user.id,
        data: { instanceAdmin: user.is_instance_admin },
        at: now,
      });
      return { user, token, session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
