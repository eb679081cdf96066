/**
 * `npm run demo`: seeds the demo organisation "Demoskolan" — an administrator, two teachers, a
 * tutor, a class of 25 students in two groups — through the same commands the API uses, and
 * prints how to sign in. Running it again changes nothing and prints the same details.
 * Meant for a fresh instance: on an empty one the demo administrator becomes instance administrator.
 */
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDb } from "./db/index.js";
import { migrateToLatest } from "./db/migrate.js";
import { hashPassword } from "./auth/passwords.js";
import type { Actor } from "./policies/index.js";
import type { UserRow } from "./db/types.js";
import { insertAccount } from "./modules/accounts/commands/registerUser.js";
import { findUserByEmail } from "./modules/accounts/queries.js";
import { createOrganisation } from "./modules/organisations/commands/createOrganisation.js";
import { grantOrgRole } from "./modules/organisations/commands/roles.js";
import { listMyOrganisations } from "./modules/organisations/queries.js";
import { createGroup } from "./modules/groups/commands/groups.js";
import { addGroupMember } from "./modules/groups/commands/members.js";
import { listGroupsForUser } from "./modules/groups/queries.js";
import { findJoinCode, formatJoinCode } from "./modules/joining/codes.js";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "demo-openloop-2026";
const DOMAIN = "demoskolan.example";

const STUDENT_NAMES = [
  "Alva Berg", "Elias Lund", "Maja Holm", "William Ek", "Ella Sjöberg", "Hugo Nyström", "Alice Wallin", "Lucas Ström",
  "Olivia Dahl", "Liam Forsberg", "Astrid Lindgren", "Oscar Sandberg", "Wilma Björk", "Noah Engström", "Saga Hedlund", "Adam Blom",
  "Ebba Åberg", "Leo Falk", "Selma Öberg", "Vincent Lindqvist", "Freja Nordin", "Theo Sundberg", "Agnes Håkansson", "Melvin Axelsson",
  "Signe Jakobsson",
];

const asActor = (u: UserRow): Actor => ({ userId: u.id, sessionId: "", isInstanceAdmin: u.is_instance_admin });
const slug = (name: string) => name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z]+/g, ".");

async function main(): Promise<void> {
  const config = loadConfig();
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await migrateToLatest(dbHandle);
  const app = await buildApp({ config, dbHandle, logger: false });
  const { ctx } = app;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const person = async (name: string, email: string, language: "sv" | "en" = "sv"): Promise<UserRow> => {
    const existing = await findUserByEmail(ctx.db, email);
    if (existing) return existing;
    return ctx.db.transaction().execute((tx) => insertAccount(tx, { ip: null, name, email, passwordHash, language, now: ctx.clock() }));
  };

  const admin = await person("Anna Rektor", `rektor@${DOMAIN}`);
  const teacher1 = await person("Karin Lärare", `karin@${DOMAIN}`);
  const teacher2 = await person("Johan Lärare", `johan@${DOMAIN}`);
  const tutor = await person("Sam Tutor", `tutor@praktik.example`, "en");
  const students = await Promise.all(STUDENT_NAMES.map((n) => person(n, `${slug(n)}@${DOMAIN}`)));

  let org = (await listMyOrganisations(ctx.db, admin.id)).find((o) => o.org.name === "Demoskolan")?.org;
  if (!org) {
    org = (await createOrganisation({ ctx, ip: null, actor: asActor(admin), name: "Demoskolan", type: "school" })).org;
    const now = ctx.clock().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      for (const t of [teacher1, teacher2]) await grantOrgRole(tx, { organisationId: org!.id, userId: t.id, role: "is_group_creator", now });
    });
    const class9 = await createGroup({
      ctx, ip: null, actor: asActor(teacher1), organisationId: org.id, name: "Klass 9B", description: "Svenska och SO för 9B, läsåret 2026/27.",
      type: "hierarchical", hasStudentMembers: true,
    });
    const project = await createGroup({
      ctx, ip: null, actor: asActor(teacher2), organisationId: org.id, name: "Projekt Hållbar stad", description: "Tvärprojekt i teknik och samhällskunskap.",
      type: "hierarchical", hasStudentMembers: true,
    });
    await ctx.db.transaction().execute(async (tx) => {
      await addGroupMember(tx, { group: class9, userId: teacher2.id, role: "leader", now });
      await addGroupMember(tx, { group: project, userId: tutor.id, role: "tutor", now });
      for (const s of students) await addGroupMember(tx, { group: class9, userId: s.id, role: "sender", now });
      for (const s of students.slice(0, 12)) await addGroupMember(tx, { group: project, userId: s.id, role: "sender", now });
    });
  }

  const groups = (await listGroupsForUser(ctx.db, admin.id)).map((g) => g.group).filter((g) => g.organisation_id === org.id);
  const lines = [
    "",
    `Demoskolan is ready at ${config.publicUrl}. Every demo account's password: ${DEMO_PASSWORD}`,
    "",
    `  administrator  ${admin.email}`,
    `  teacher        ${teacher1.email} (owns Klass 9B)`,
    `  teacher        ${teacher2.email} (owns Projekt Hållbar stad, leads Klass 9B)`,
    `  tutor          ${tutor.email} (Projekt Hållbar stad)`,
    `  students       ${students[0]!.email} … ${students.at(-1)!.email} (25, all in Klass 9B; the first 12 also in the project)`,
    "",
  ];
  for (const g of groups) {
    const code = await findJoinCode(ctx.db, { organisationId: g.organisation_id, groupId: g.id, purpose: "sender" });
    if (code) lines.push(`  join code for ${g.name}: ${formatJoinCode(code.code)}  (${config.publicUrl}/join/${code.code})`);
  }
  console.warn(lines.join("\n"));
  await app.close();
  await dbHandle.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
