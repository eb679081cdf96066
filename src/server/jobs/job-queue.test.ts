import { describe, expect, it } from "vitest";
import pino from "pino";
import { InProcessJobQueue } from "./job-queue.js";

const silent = pino({ level: "silent" });

describe("InProcessJobQueue", () => {
  it("runs a queued job after enqueue, and idle() waits for it", async () => {
    const q = new InProcessJobQueue(silent);
    const seen: number[] = [];
    q.handle<{ n: number }>("count", async ({ n }) => {
      await new Promise((r) => setTimeout(r, 10));
      seen.push(n);
    });
    await q.enqueue("count", { n: 1 });
    await q.enqueue("count", { n: 2 });
    expect(seen).toEqual([]);
    await q.idle();
    expect(seen.sort()).toEqual([1, 2]);
  });

  it("logs a failed job's error without the e-mail address or token it quotes", async () => {
    const lines: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const q = new InProcessJobQueue(log);
    q.handle("mail", async () => {
      throw Object.assign(new Error("Recipient refused: <anna.berg@skolan.example> (token=abcDEF1234567890ghijKLMN5678)"), { code: "EENVELOPE" });
    });
    await q.enqueue("mail", {});
    await q.idle();
    const logged = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(logged).toContain("EENVELOPE");
    expect(logged).toContain("[email]");
    expect(logged).not.toContain("anna.berg");
    expect(logged).not.toContain("abcDEF1234567890ghijKLMN5678");
  }, 15_000);

  it("refuses a job nobody handles instead of dropping it silently", async () => {
    const q = new InProcessJobQueue(silent);
    await expect(q.enqueue("nobody", {})).rejects.toThrow(/No handler/);
  });

  it("retries a failing job and stops after its attempts", async () => {
    const q = new InProcessJobQueue(silent);
    let tries = 0;
    q.handle("flaky", async () => {
      tries++;
      if (tries < 2) throw new Error("not yet");
    });
    await q.enqueue("flaky", {});
    await q.idle();
    expect(tries).toBe(2);
  }, 10_000);

  it("never overlaps two runs of one scheduled job, and runs it on its interval once started", async () => {
    const q = new InProcessJobQueue(silent);
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    q.every("tick", 20, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      runs++;
    });
    await Promise.all([q.runScheduled("tick"), q.runScheduled("tick")]);
    expect(runs).toBe(1);
    q.start();
    await new Promise((r) => setTimeout(r, 150));
    await q.stop();
    expect(runs).toBeGreaterThan(1);
    expect(maxRunning).toBe(1);
    const after = runs;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(after);
  });

  it("stop() during a retry's wait ends the wait and does not run the job again", async () => {
    const q = new InProcessJobQueue(silent);
    let tries = 0;
    let failed!: () => void;
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    q.handle("failing", async () => {
      tries++;
      failed();
      throw new Error("SMTP down");
    });
    await q.enqueue("failing", {});
    await firstFailure;
    const started = Date.now();
    await q.stop();
    // The first retry waits two seconds; a stopping queue neither waits for it nor makes it.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(tries).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(tries).toBe(1);
  });

  it("stop() waits for a job that is running, and that job's failure does not escape", async () => {
    const q = new InProcessJobQueue(silent);
    let finished = false;
    q.handle("slow", async () => {
      await new Promise((r) => setTimeout(r, 100));
      finished = true;
      throw new Error("failed at the end");
    });
    await q.enqueue("slow", {});
    await q.stop();
    expect(finished).toBe(true);
  });

  it("takes no new work once stopped", async () => {
    const q = new InProcessJobQueue(silent);
    let ran = false;
    q.handle("late", async () => {
      ran = true;
    });
    await q.stop();
    await q.enqueue("late", {});
    await q.idle();
    expect(ran).toBe(false);
  });
});
