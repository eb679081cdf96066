import { describe, expect, it } from "vitest";
import { formatDateTime, timeZoneLabel } from "./format.js";

describe("timeZoneLabel", () => {
  it("names a zone in the interface language, and falls back to the IANA name", () => {
    expect(timeZoneLabel("Europe/Stockholm", "en")).toBe("Central European Time");
    expect(timeZoneLabel("Europe/Stockholm", "sv")).toBe("centraleuropeisk tid");
    // A bare offset says less than the zone's own name.
    expect(timeZoneLabel("UTC", "en")).toBe("UTC");
    expect(timeZoneLabel("Nowhere/Atlantis", "en")).toBe("Nowhere/Atlantis");
  });
});

describe("formatDateTime", () => {
  it("shows an instant in the zone it is given (a check-in's organisation), else the browser's", () => {
    // 13:00 UTC on a Friday in November is 14:00 in Stockholm and 08:00 in New York.
    expect(formatDateTime("2026-11-27T13:00:00.000Z", "en-GB", "Europe/Stockholm")).toContain("14:00");
    expect(formatDateTime("2026-11-27T13:00:00.000Z", "en-GB", "America/New_York")).toContain("08:00");
    expect(formatDateTime("not a date", "en-GB")).toBe("not a date");
  });
});
