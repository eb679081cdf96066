import { describe, expect, it } from "vitest";
import { isDay, periodProblems, periodRange, readPeriod, termStart, writePeriod } from "./periods.js";

describe("dashboard periods", () => {
  // Wednesday 11 March 2026.
  const today = "2026-03-11";

  it("should turn each named period into days that end today", () => {
    expect(periodRange({ preset: "week" }, today)).toEqual({ from: "2026-03-09", to: today });
    expect(periodRange({ preset: "fourWeeks" }, today)).toEqual({ from: "2026-02-16", to: today });
    expect(periodRange({ preset: "month" }, today)).toEqual({ from: "2026-03-01", to: today });
    expect(periodRange({ preset: "term" }, today)).toEqual({ from: "2026-01-01", to: today });
    // 52 whole weeks, this one included.
    expect(periodRange({ preset: "year" }, today)).toEqual({ from: "2025-03-17", to: today });
    expect(periodRange({ preset: "custom", from: "2026-01-05", to: "2026-02-01" }, today)).toEqual({ from: "2026-01-05", to: "2026-02-01" });
  });

  it("should count the autumn term from August and July with the spring term", () => {
    expect(termStart("2026-08-01")).toBe("2026-08-01");
    expect(termStart("2026-12-31")).toBe("2026-08-01");
    expect(termStart("2026-07-20")).toBe("2026-01-01");
    expect(termStart("2026-01-01")).toBe("2026-01-01");
  });

  it("should accept only real calendar days", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay("")).toBe(false);
  });

  it("should name what is wrong with two chosen days, on the field to fix", () => {
    expect(periodProblems("", "2026-01-01")).toEqual({ from: "fromMissing" });
    expect(periodProblems("2026-01-01", "x")).toEqual({ to: "toMissing" });
    expect(periodProblems("2026-02-01", "2026-01-31")).toEqual({ to: "toBeforeFrom" });
    // 53 weeks are allowed, 54 are not (the server snaps to whole weeks).
    expect(periodProblems("2025-01-06", "2026-01-11")).toEqual({});
    expect(periodProblems("2025-01-06", "2026-01-12")).toEqual({ to: "tooLong" });
  });

  it("should read and write the choice in the address, keeping other parameters", () => {
    expect(readPeriod(new URLSearchParams(""))).toEqual({ preset: "term" });
    expect(readPeriod(new URLSearchParams("period=week"))).toEqual({ preset: "week" });
    expect(readPeriod(new URLSearchParams("period=nonsense"))).toEqual({ preset: "term" });
    expect(readPeriod(new URLSearchParams("from=2026-01-05&to=2026-02-01"))).toEqual({ preset: "custom", from: "2026-01-05", to: "2026-02-01" });
    expect(readPeriod(new URLSearchParams("from=2026-02-05&to=2026-02-01&period=month"))).toEqual({ preset: "month" });

    const base = new URLSearchParams("groupId=g1&period=week");
    expect(writePeriod(base, { preset: "custom", from: "2026-01-05", to: "2026-02-01" }).toString()).toBe("groupId=g1&from=2026-01-05&to=2026-02-01");
    expect(writePeriod(base, { preset: "term" }).toString()).toBe("groupId=g1");
    expect(writePeriod(base, { preset: "month" }).toString()).toBe("groupId=g1&period=month");
  });
});
