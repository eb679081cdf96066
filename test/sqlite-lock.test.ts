/** The SQLite connection is handed over in arrival order: no request waits behind later ones. */
import { describe, expect, it } from "vitest";
import { FairLock } from "../src/server/db/sqlite-driver.js";

describe("FairLock", () => {
  it("should hand the lock to waiters in arrival order, never to a newcomer first", async () => {
    const lock = new FairLock();
    const order: string[] = [];
    await lock.acquire();
    const a = lock.acquire().then(() => order.push("a"));
    const b = lock.acquire().then(() => order.push("b"));
    lock.release();
    // Arrives after a got the lock and while b still waits: must queue behind b.
    const c = lock.acquire().then(() => order.push("c"));
    await a;
    lock.release();
    await b;
    lock.release();
    await c;
    lock.release();
    expect(order).toEqual(["a", "b", "c"]);
    // Free again: the next one gets it at once.
    await lock.acquire();
    lock.release();
  });
});
