/**
 * Background work behind one interface (design.md §2: in-process now; pg-boss is the scale-out
 * implementation). Two kinds of work:
 *   - queued jobs: a command enqueues one after its transaction committed (an e-mail to send);
 *   - scheduled jobs: run every interval; each handler reads the clock and the database to find
 *     what is due, so a missed run (a restart, a second process) costs nothing but a delay, and a
 *     job that ran twice finds nothing left to do.
 * State that matters lives in the database, never only in the queue: a process that dies with
 * jobs queued loses no e-mail, because the scheduled sweep finds what is still unsent.
 */
import type { FastifyBaseLogger } from "fastify";
import { CRASH_MESSAGE_MAX_LENGTH, CRASH_STACK_MAX_LENGTH, scrubCrashText } from "../../shared/crash-reports.js";

/**
 * A failed job's error as the log may keep it: a job's error can quote what it worked on (a mail
 * server's refusal names the recipient), so addresses, tokens and ids are scrubbed as in a crash
 * report, and the server log keeps no e-mail address (docs/privacy.md: server logs).
 */
export function loggableError(err: unknown): { type: string; message: string; stack?: string; code?: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubCrashText(String(err), CRASH_MESSAGE_MAX_LENGTH) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: scrubCrashText(err.message, CRASH_MESSAGE_MAX_LENGTH),
    ...(err.stack ? { stack: scrubCrashText(err.stack, CRASH_STACK_MAX_LENGTH) } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

export type JobHandler<P = unknown> = (payload: P) => Promise<void>;

export interface JobQueue {
  /** Registers the handler of a kind of queued job. */
  handle<P>(name: string, handler: JobHandler<P>): void;
  /** Queues a job; call it after the writing transaction committed. */
  enqueue<P>(name: string, payload: P): Promise<void>;
  /** Registers a scheduled job, run every `intervalMs` once the queue is started. */
  every(name: string, intervalMs: number, handler: () => Promise<void>): void;
  /** Starts the scheduled jobs' timers (main.ts; tests run them by hand with runScheduled). */
  start(): void;
  /** Stops the timers and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Resolves when no queued job is waiting or running. */
  idle(): Promise<void>;
  /** Runs one scheduled job now and waits for it (tests with a fake clock, operators). */
  runScheduled(name: string): Promise<void>;
}

/** A queued job is tried this often before it is logged as failed (its row stays due for the sweep). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 2_000;

export class InProcessJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly scheduled = new Map<string, { intervalMs: number; handler: () => Promise<void>; running: Promise<void> | null }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Ends a retry's wait early (stop() calls them all: a stopping queue does not sit out a delay). */
  private readonly wakeUps = new Set<() => void>();
  private stopped = false;

  constructor(private readonly log: FastifyBaseLogger) {}

  handle<P>(name: string, handler: JobHandler<P>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  enqueue<P>(name: string, payload: P): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) return Promise.reject(new Error(`No handler for job ${name}`));
    if (this.stopped) return Promise.resolve();
    const run = this.attempt(name, handler, payload, 1).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return Promise.resolve();
  }

  private async attempt(name: string, handler: JobHandler, payload: unknown, n: number): Promise<void> {
    try {
      await handler(payload);
    } catch (err) {
      if (n >= ATTEMPTS || this.stopped) {
        this.log.error({ err: loggableError(err), job: name }, "job failed");
        return;
      }
      this.log.warn({ err: loggableError(err), job: name, attempt: n }, "job failed, retrying");
      await this.pause(RETRY_DELAY_MS * n);
      // Stopped while waiting: the database and mailer are about to close. What the job was for
      // is still due in the database (e-mail rows stay `immediate`), so a later sweep does it.
      if (this.stopped) {
        this.log.error({ err: loggableError(err), job: name }, "job failed and was not retried: the queue stopped");
        return;
      }
      return this.attempt(name, handler, payload, n + 1);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeUps.add(done);
    });
  }

  every(name: string, intervalMs: number, handler: () => Promise<void>): void {
    this.scheduled.set(name, { intervalMs, handler, running: null });
  }

  start(): void {
    for (const name of this.scheduled.keys()) {
      const { intervalMs } = this.scheduled.get(name)!;
      const timer = setInterval(() => {
        this.runScheduled(name).catch((err: unknown) => this.log.error({ err: loggableError(err), job: name }, "scheduled job failed"));
      }, intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async runScheduled(name: string): Promise<void> {
    const job = this.scheduled.get(name);
    if (!job) throw new Error(`No scheduled job ${name}`);
    // One run at a time per job: a slow run is not overlapped by the next tick.
    if (job.running) return job.running;
    const run = job.handler().finally(() => {
      job.running = null;
      this.inFlight.delete(run);
    });
    job.running = run;
    this.inFlight.add(run);
    return run;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const wake of [...this.wakeUps]) wake();
    await this.idle();
  }
}
