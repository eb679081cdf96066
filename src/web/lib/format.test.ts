import { describe, expect, it } from "vitest";
import { timeZoneLabel } from "./format.js";

describe("timeZoneLabel", () => {
  it("names a zone in the interface language, and falls back to the IANA name", () => {
    expect(timeZoneLabel("Europe/Stockholm", "en")).toBe("Central European Time");
    expect(timeZoneLabel("Europe/Stockholm", "sv")).toBe("centraleuropeisk tid");
    // A bare offset says less than the zone's own name.
    expect(timeZoneLabel("UTC", "en")).toBe("UTC");
    expect(timeZoneLabel("Nowhere/Atlantis", "en")).toBe("Nowhere/Atlantis");
  });
});
