/**
 * Issue 8 (sign in with Google / any OpenID Connect provider):
 * - user_identities: an account's links to a provider's subject (issuer + `sub`), the way back in
 *   without a password. Deleted with the account (erasure removes the link).
 * - oidc_flows: one browser's sign-in at the provider in progress (state, nonce, PKCE verifier),
 *   bound to the browser by a cookie whose SHA-256 is the key; used once, gone after 15 minutes.
 *   A flow that needs the person's answer (create the account, or confirm linking with the
 *   password) keeps the provider's claims here until then.
 * - sessions: how the session was started (password or provider, the Workspace domain `hd`) and
 *   when the person last proved it is them again (before erasing the account).
 * - organisations: the sign-in methods its members may use, and a required Workspace domain.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("user_identities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("hosted_domain", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_used_at", t.timestamp)
    .addUniqueConstraint("user_identities_subject_key", ["issuer", "subject"])
    // One link per provider and account: a second would be a second way in nobody sees.
    .addUniqueConstraint("user_identities_user_issuer_key", ["user_id", "issuer"])
    .execute();

  await db.schema
    .createTable("oidc_flows")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("intent", "text", (c) => c.notNull().check(sql`intent in ('sign_in', 'link', 'reauth')`))
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('started', 'sign_up', 'confirm_link')`))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.references("sessions.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    /** JSON of the verified claims while the person decides (stage sign_up / confirm_link). */
    .addColumn("claims", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("oidc_flows_created_idx").on("oidc_flows").column("created_at").execute();

  await db.schema
    .alterTable("sessions")
    .addColumn("sign_in_method", "text", (c) => c.notNull().defaultTo("password").check(sql`sign_in_method in ('password', 'oidc')`))
    .execute();
  await db.schema.alterTable("sessions").addColumn("hosted_domain", "text").execute();
  await db.schema.alterTable("sessions").addColumn("reauthenticated_at", t.timestamp).execute();

  await db.schema.alterTable("organisations").addColumn("is_password_sign_in_enabled", t.boolean, (c) => c.notNull().defaultTo(t.true)).execute();
  await db.schema.alterTable("organisations").addColumn("is_oidc_sign_in_enabled", t.boolean, (c) => c.notNull().defaultTo(t.true)).execute();
  await db.schema.alterTable("organisations").addColumn("required_oidc_domain", "text").execute();
}
