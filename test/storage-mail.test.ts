import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pino from "pino";
import { LocalDiskBlobStore } from "../src/server/storage/local-disk.js";
import { newBlobKey } from "../src/server/storage/blob-store.js";
import { OutboxMailer, SmtpMailer } from "../src/server/mail/mailer.js";
import { startTestSmtp, recipients } from "./helpers/smtp.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-storage-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("LocalDiskBlobStore", () => {
  const store = new LocalDiskBlobStore(path.join(dir, "blobs"));

  it("stores, reads, lists and deletes under server-chosen keys", async () => {
    const key = newBlobKey("pictures", "webp");
    expect(key).toMatch(/^pictures\/[0-9a-f-]{36}\.webp$/);
    await store.put(key, Buffer.from("bytes"), "image/webp");
    expect(await store.get(key)).toEqual({ data: Buffer.from("bytes"), contentType: "image/webp" });
    const keys: string[] = [];
    for await (const k of store.list()) keys.push(k);
    expect(keys).toEqual([key]);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key); // deleting twice is fine
  });

  it("refuses any key it did not make, such as a client path", async () => {
    for (const bad of ["../../etc/passwd", "pictures/../../x", "/etc/passwd", "pictures/evil.webp", "Pictures/8d3e8f5e-2c8a-4c1e-9a57-1f0e4f7f3a11.webp"]) {
      await expect(store.put(bad, Buffer.from("x"), "text/plain")).rejects.toThrow(/blob key/);
      await expect(store.get(bad)).rejects.toThrow(/blob key/);
    }
    expect(fs.existsSync(path.join(dir, "etc"))).toBe(false);
  });
});

describe("Mailer", () => {
  it("without SMTP writes each message to the outbox as .eml and logs its subject and links", async () => {
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (l: string) => lines.push(l) });
    const outbox = path.join(dir, "outbox");
    const mailer = new OutboxMailer(outbox, "Openloop <no-reply@localhost>", log);
    await mailer.send({ to: "elev@skola.example", subject: "Återställ lösenord", text: "Öppna https://openloop.test/reset-password?token=abc123 nu", html: "<p>x</p>" });
    const files = fs.readdirSync(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = fs.readFileSync(path.join(outbox, files[0]!), "utf8");
    expect(eml).toMatch(/^To: elev@skola\.example$/m);
    expect(eml).toMatch(/^Subject: /m);
    const entry = JSON.parse(lines.find((l) => l.includes("outbox"))!);
    expect(entry.subject).toBe("Återställ lösenord");
    expect(entry.links).toEqual(["https://openloop.test/reset-password?token=abc123"]);
    mailer.close();
  });

  it("with SMTP_URL delivers to a real SMTP server", async () => {
    const smtp = await startTestSmtp();
    try {
      const mailer = new SmtpMailer(smtp.url, "Openloop <no-reply@openloop.test>");
      await mailer.send({ to: "larare@skola.example", subject: "Hej", text: "Text med å, ä och ö", html: "<p>HTML</p>" });
      const m = await smtp.waitFor((x) => recipients(x).includes("larare@skola.example"));
      expect(m.subject).toBe("Hej");
      expect(m.text?.trim()).toBe("Text med å, ä och ö");
      expect(m.html).toContain("<p>HTML</p>");
      mailer.close();
    } finally {
      await smtp.close();
    }
  });
});
