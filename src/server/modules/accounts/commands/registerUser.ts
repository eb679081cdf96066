import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { hashPassword, isCommonPassword } from "../../../auth/passwords.js";
import { createSession } from "../../../auth/sessions.js";
import { isUniqueViolation, type DbOrTx } from "../../../db/index.js";
import type { UserRow } from "../../../db/types.js";
import { badRequest, conflict } from "../../../http/errors.js";
import { recordSignUpAcceptance } from "../../privacy-policy/commands.js";
import { isEmailTaken, normaliseEmail } from "../queries.js";

export interface RegisterUserInput extends CommandBase {
  name: string;
  email: string;
  password: string;
  language: "en" | "sv";
  /** The privacy policy version the person accepted (required once one is published). */
  acceptedPolicyVersionId: string | undefined;
  headers: FastifyRequest["headers"];
}

const emailTaken = () => conflict("email_taken", "An account with this e-mail address already exists.", { email: "email_taken" });

/**
 * Creates an account and signs it in. The first account of an instance becomes its instance
 * administrator: claimed with a conditional update, so two simultaneous first sign-ups cannot both win.
 */
export async function registerUser({ ctx, ip, name, email, password, language, acceptedPolicyVersionId, headers }: RegisterUserInput) {
  await ctx.limiters.registerPerIp.consume(ip ?? "unknown");
  if (isCommonPassword(password)) {
    throw badRequest("common_password", "This password is too common.", { password: "common_password" });
  }
  const passwordHash = await hashPassword(password);
  const now = ctx.clock();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const user = await insertAccount(tx, { ip, name, email, passwordHash, language, now });
      await recordSignUpAcceptance(tx, { userId: user.id, versionId: acceptedPolicyVersionId, now, field: "acceptedPolicyVersionId" });
      const { token, session } = await createSession(tx, { userId: user.id, headers, now, timeouts: ctx.timeouts });
      return { user, token, session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/**
 * Writes a new account inside the caller's transaction, with its audit event; the first account
 * of the instance becomes its administrator. Also used by the demo seed.
 */
export async function insertAccount(
  tx: DbOrTx,
  input: {
    ip: string | null;
    name: string;
    email: string;
    /** Null for an account made by signing in with a provider (issue 8): it has no password until a reset link sets one. */
    passwordHash: string | null;
    language: "en" | "sv";
    now: Date;
    /** A picture already stored (a provider's, issue 8). */
    pictureKey?: string | null;
    /** Audit data of how the account was made, e.g. { via: "oidc" }. */
    via?: "oidc";
  },
): Promise<UserRow> {
  const { now } = input;
  if (await isEmailTaken(tx, input.email)) throw emailTaken();
  const claim = await tx
    .updateTable("instance_state")
    .set({ admin_claimed_at: now.toISOString() })
    .where("id", "=", 1)
    .where("admin_claimed_at", "is", null)
    .executeTakeFirst();
  const user: UserRow = {
    id: randomUUID(),
    email: input.email.trim(),
    email_normalized: normaliseEmail(input.email),
    name: input.name,
    password_hash: input.passwordHash,
    language: input.language,
    picture_key: input.pictureKey ?? null,
    is_instance_admin: Number(claim.numUpdatedRows) === 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await tx.insertInto("users").values(user).execute();
  await recordAudit(tx, {
    ip: input.ip,
    action: "user.registered",
    actorId: user.id,
    subjectType: "user",
    subjectId: user.id,
    data: { instanceAdmin: user.is_instance_admin, ...(input.via ? { via: input.via } : {}) },
    at: now,
  });
  return user;
}
