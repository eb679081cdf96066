/**
 * Environment → typed configuration, validated once at start. Every variable here is listed in
 * the README's configuration table; a wrong value stops the server with one line naming it.
 */
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = z.coerce.number().int().positive();

/** Google's OpenID Connect issuer: the default provider of "Sign in with Google" (issue 8). */
export const GOOGLE_ISSUER = "https://accounts.google.com";

/** An issuer is reached over HTTPS; plain HTTP only on loopback (a test provider). */
function isAllowedIssuer(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave unset for the embedded SQLite)")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: bool.default(false),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Openloop <no-reply@localhost>"),
  SESSION_IDLE_TIMEOUT_HOURS: positiveInt.default(24 * 7),
  SESSION_ABSOLUTE_TIMEOUT_DAYS: positiveInt.default(30),
  WEB_DIR: z.string().min(1).optional(),
  ORG_CREATION: z.enum(["open", "admin"]).default("open"),
  MAX_ATTACHMENT_MB: z.coerce.number().int().min(1).max(1024).default(25),
  GOOGLE_CLIENT_ID: z.string().min(1).max(500).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_ISSUER: z
    .url()
    .refine((v) => isAllowedIssuer(v), "must be an https:// address (http:// only on this machine: localhost, 127.0.0.1, ::1)")
    .default(GOOGLE_ISSUER),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default("Google"),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** The address people use to reach the instance; links in e-mails point here. */
  publicUrl: string;
  dataDir: string;
  /** `undefined` → embedded SQLite at `<dataDir>/openloop.db`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  blobDir: string;
  outboxDir: string;
  webDir: string;
  logLevel: string;
  trustProxy: boolean;
  tls: { cert: string; key: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** open: any signed-in user creates organisations; admin: only the instance administrator. */
  orgCreation: "open" | "admin";
  /** Largest file attached to a loop, in bytes; a larger one is refused with 413. */
  maxAttachmentBytes: number;
  /** Sign-in with a provider (OpenID Connect); undefined when not configured (no button is shown). */
  oidc: { issuer: string; clientId: string; clientSecret: string; providerName: string } | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(cleaned[name] ?? null)})`);
  }
  const e = parsed.data;
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    throw new ConfigError(`Invalid configuration: ${e.TLS_CERT ? "TLS_KEY" : "TLS_CERT"} must be set together with the other`);
  }
  if (Boolean(e.GOOGLE_CLIENT_ID) !== Boolean(e.GOOGLE_CLIENT_SECRET)) {
    throw new ConfigError(`Invalid configuration: ${e.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"} must be set together with the other`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const scheme = e.TLS_CERT ? "https" : "http";
  const publicUrl = (e.PUBLIC_URL ?? `${scheme}://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqlitePath: path.join(dataDir, "openloop.db"),
    blobDir: path.join(dataDir, "blobs"),
    outboxDir: path.join(dataDir, "outbox"),
    webDir: path.resolve(e.WEB_DIR ?? path.join(import.meta.dirname, "..", "..", "dist", "web")),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionIdleMs: e.SESSION_IDLE_TIMEOUT_HOURS * 3600_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_TIMEOUT_DAYS * 86400_000,
    orgCreation: e.ORG_CREATION,
    maxAttachmentBytes: e.MAX_ATTACHMENT_MB * 1024 * 1024,
    oidc:
      e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET, providerName: e.OIDC_PROVIDER_NAME }
        : undefined,
  };
}
