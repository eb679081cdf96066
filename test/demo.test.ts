import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../src/server/db/index.js";
import { testDialect } from "./helpers/test-db.js";

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-demo-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const demo = () =>
  run(process.execPath, ["--import", "tsx", "src/server/demo.ts"], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PUBLIC_URL: "http://demo.test" } });

// The seed runs the same commands as the API; its process behaviour is the same on both dialects.
describe.runIf(testDialect() === "sqlite")("npm run demo", () => {
  it("seeds Demoskolan with an administrator, two teachers, a tutor and 25 students, and prints how to sign in", async () => {
    const { stderr } = await demo();
    expect(stderr).toContain("rektor@demoskolan.example");
    expect(stderr).toMatch(/password: \S+/);
    expect(stderr).toMatch(/join code for Klass 9B: [A-Z2-9]{4}-[A-Z2-9]{4}/);

    const handle = openDb({ databaseUrl: undefined, sqlitePath: path.join(dataDir, "openloop.db") });
    try {
      const db = handle.db;
      const orgs = await db.selectFrom("organisations").selectAll().execute();
      expect(orgs.map((o) => o.name)).toEqual(["Demoskolan"]);
      const roles = await db.selectFrom("group_members").innerJoin("groups", "groups.id", "group_members.group_id").select(["groups.name", "group_members.role"]).execute();
      const count = (group: string, role: string) => roles.filter((r) => r.name === group && r.role === role).length;
      expect(count("Klass 9B", "sender")).toBe(25);
      expect(count("Klass 9B", "leader")).toBe(2);
      expect(count("Projekt Hållbar stad", "tutor")).toBe(1);
      const admins = await db.selectFrom("organisation_members").select("user_id").where("is_admin", "=", true).execute();
      expect(admins).toHaveLength(1);
    } finally {
      await handle.close();
    }

    // Running it again changes nothing and prints the same details.
    const again = await demo();
    expect(again.stderr).toBe(stderr);
  }, 60_000);
});
