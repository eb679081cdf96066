/**
 * Outgoing mail behind one interface. With `SMTP_URL` set, nodemailer sends over SMTP; without
 * it, each message is written to `<DATA_DIR>/outbox/` as an .eml file and its subject and links
 * are logged — a fresh instance can reset a password with no mail server at all.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { FastifyBaseLogger } from "fastify";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/**
 * What a failed send was, without whom it was for — for the log. A mail server's refusal names
 * the address in nodemailer's error (its message, `response` and `rejected`): log this instead.
 */
export function describeMailFailure(err: unknown): { code: unknown; responseCode: unknown; command: unknown } {
  const e = (typeof err === "object" && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  return { code: e.code ?? null, responseCode: e.responseCode ?? null, command: e.command ?? null };
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpMailer implements Mailer {
  private readonly transport: nodemailer.Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }
  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
  }
  close(): void {
    this.transport.close();
  }
}

export class OutboxMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {}
  async send(m: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`);
    await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
    const links = m.text.match(/https?:\/\/\S+/g) ?? [];
    // The outbox is the operator's mail server stand-in: they need the link to act on it.
    this.log.info({ outbox: file, subject: m.subject, links }, "mail written to outbox (SMTP_URL not set)");
  }
  close(): void {
    this.transport.close();
  }
}
