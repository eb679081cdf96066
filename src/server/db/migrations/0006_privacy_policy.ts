/** Issue 7 (privacy-policy): scaffold; the tables of this area are created here. */
import type { Kysely } from "kysely";
import type { Dialect } from "../index.js";

export async function up(_db: Kysely<unknown>, _dialect: Dialect): Promise<void> {}
