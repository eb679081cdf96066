/** Password hashing (argon2id) and the common-password check. */
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/** How many of the most common passwords (ranked list of zxcvbn-ts) are refused. */
export const COMMON_PASSWORDS_REFUSED = 10_000;

const common = new Set(
  (dictionary["passwords-common"] as string[]).slice(0, COMMON_PASSWORDS_REFUSED).map((p) => p.toLowerCase()),
);

/** True for a password among the most common ones (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}

// @node-rs/argon2 defaults to argon2id (m=19 MiB, t=2, p=1), OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check, so a missing account is not revealed by timing.
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const DUMMY_HASH = await hash("openloop-timing-equaliser");
