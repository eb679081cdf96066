import type { FastifyRequest } from "fastify";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { verifyPassword } from "../../../auth/passwords.js";
import { createSession, revokeSession } from "../../../auth/sessions.js";
import { HttpError } from "../../../http/errors.js";
import { assertSignInAllowed } from "../../organisations/sign-in-rules.js";
import { findUserByEmail, normaliseEmail } from "../queries.js";

const PASSWORD_SIGN_IN = { method: "password", hostedDomain: null } as const;

export interface SignInInput extends CommandBase {
  email: string;
  password: string;
  headers: FastifyRequest["headers"];
  /** The session the browser had before, if any: replaced, never reused (fixation). */
  previous: { userId: string; sessionId: string } | null;
}

/** Checks the password and starts a new session with a new id. Counted per account and per IP. */
export async function signIn({ ctx, email, password, ip, headers, previous }: SignInInput) {
  const accountKey = normaliseEmail(email);
  await ctx.limiters.signInPerIp.consume(ip ?? "unknown");
  await ctx.limiters.signInPerAccount.consume(accountKey);
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok) {
    if (user) {
      await recordAudit(ctx.db, { ip, action: "session.sign_in_failed", actorId: null, subjectType: "user", subjectId: user.id, outcome: "failure", at: ctx.clock() });
    }
    throw new HttpError(401, "invalid_credentials", "The e-mail address or password is wrong.");
  }
  await ctx.limiters.signInPerAccount.reset(accountKey);
  // Only now (the password is right) may the answer say which organisation wants another way in.
  await assertSignInAllowed(ctx.db, user.id, PASSWORD_SIGN_IN, ctx.oidc?.providerName ?? "Google");
  const now = ctx.clock();
  const { token, session } = await ctx.db.transaction().execute(async (tx) => {
    if (previous) await revokeSession(tx, previous.userId, previous.sessionId);
    const created = await createSession(tx, { userId: user.id, headers, now, timeouts: ctx.timeouts });
    await recordAudit(tx, { ip, action: "session.created", actorId: user.id, subjectType: "session", subjectId: created.session.id, at: now });
    return created;
  });
  return { user, token, session };
}
