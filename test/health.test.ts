/**
 * Health probes for the operator's load balancer / orchestrator: liveness answers while the
 * process runs; readiness tells the truth about the database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { createTestDb, type TestDb } from "./helpers/test-db.js";

let testDb: TestDb;
let app: App;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-health-"));
  testDb = await createTestDb();
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  app = await buildApp({ config, dbHandle: testDb.handle, logger: false });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  // drop() closes the handle (a second close is harmless) and removes the database or schema.
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("health probes", () => {
  it("/healthz answers 200 ok", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 ok while the database answers", async () => {
    const res = await app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 503 unavailable once the database is gone, while /healthz stays 200", async () => {
    await testDb.handle.close();
    const ready = await app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { code: "unavailable", message: expect.any(String) } });
    const live = await app.inject({ method: "GET", url: "/healthz" });
    expect(live.statusCode).toBe(200);
  });
});
