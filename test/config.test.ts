/**
 * Configuration from the environment: sensible defaults for a fresh install, and a wrong value
 * stops the server with one line that names the variable to fix — no stack trace to wade through.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/server/config.js";

const ROOT = path.resolve(import.meta.dirname, "..");

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("starts a fresh install on port 3000 with SQLite under ./data and a localhost public URL", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqlitePath).toBe(path.resolve("data", "openloop.db"));
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.trustProxy).toBe(false);
    expect(config.tls).toBeUndefined();
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it("takes PUBLIC_URL without a trailing slash, so e-mailed links have no double slash", () => {
    expect(loadConfig({ PUBLIC_URL: "https://loops.example.org/" }).publicUrl).toBe("https://loops.example.org");
  });

  it("refuses a non-numeric PORT with one line naming PORT", () => {
    const err = configError({ PORT: "abc" });
    expect(err.message).toMatch(/\bPORT\b/);
    expect(err.message).toContain("abc");
    expect(err.message).not.toContain("\n");
  });

  it("refuses a DATABASE_URL that is not PostgreSQL, naming DATABASE_URL", () => {
    const err = configError({ DATABASE_URL: "mysql://x" });
    expect(err.message).toMatch(/\bDATABASE_URL\b/);
    expect(err.message).not.toContain("\n");
  });

  it("refuses TLS_CERT without TLS_KEY, naming the missing TLS_KEY", () => {
    const err = configError({ TLS_CERT: "/etc/ssl/cert.pem" });
    expect(err.message).toMatch(/\bTLS_KEY\b/);
    expect(err.message).not.toContain("\n");
  });

  it("refuses TLS_KEY without TLS_CERT, naming the missing TLS_CERT", () => {
    const err = configError({ TLS_KEY: "/etc/ssl/key.pem" });
    expect(err.message).toMatch(/^Invalid configuration: TLS_CERT\b/);
  });
});

describe("the server started with a wrong PORT", () => {
  it("offers Google sign-in only with both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, Google's issuer by default", () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" }).oidc).toEqual({
      issuer: "https://accounts.google.com",
      clientId: "id",
      clientSecret: "secret",
      providerName: "Google",
    });
    expect(configError({ GOOGLE_CLIENT_ID: "id" }).message).toMatch(/GOOGLE_CLIENT_SECRET must be set together/);
    expect(configError({ GOOGLE_CLIENT_SECRET: "secret" }).message).toMatch(/GOOGLE_CLIENT_ID must be set together/);
  });

  it("takes another OpenID Connect issuer over HTTPS, and plain HTTP only on loopback", () => {
    const entra = loadConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s", OIDC_ISSUER: "https://login.example/tenant/v2.0", OIDC_PROVIDER_NAME: "Microsoft" });
    expect(entra.oidc).toMatchObject({ issuer: "https://login.example/tenant/v2.0", providerName: "Microsoft" });
    expect(loadConfig({ OIDC_ISSUER: "http://127.0.0.1:9999" }).oidc).toBeUndefined();
    expect(configError({ OIDC_ISSUER: "http://idp.example" }).message).toMatch(/^Invalid configuration: OIDC_ISSUER must be an https:\/\/ address/);
    expect(configError({ OIDC_ISSUER: "not a url" }).message).toMatch(/OIDC_ISSUER/);
  });

  it("exits with code 1 and one stderr line naming PORT, without a stack trace", async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "abc", NO_COLOR: "1" };
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile("npx", ["tsx", "src/server/main.ts"], { cwd: ROOT, env, timeout: 25_000 }, () => undefined);
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\bPORT\b/);
    expect(result.stderr).not.toContain("    at ");
  });
});
