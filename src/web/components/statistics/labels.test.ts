import { describe, expect, it } from "vitest";
import { formatHours, inboxHref } from "./labels.js";

describe("group dashboard words and links", () => {
  it("should link a bar to the inbox with the group, the days and the bar's own filter", () => {
    const base = { groupId: "g1", from: "2026-11-16", to: "2026-11-22" };
    expect(inboxHref(base)).toBe("/inbox?groupId=g1&from=2026-11-16&to=2026-11-22");
    expect(inboxHref({ ...base, emoji: 4 })).toBe("/inbox?groupId=g1&from=2026-11-16&to=2026-11-22&emoji=4");
    expect(inboxHref({ ...base, tagId: "t1", taskId: "k1", free: true })).toBe("/inbox?groupId=g1&from=2026-11-16&to=2026-11-22&tagId=t1&taskId=k1");
    expect(inboxHref({ ...base, tagId: "t1", free: true })).toBe("/inbox?groupId=g1&from=2026-11-16&to=2026-11-22&tagId=t1&kind=free");
  });

  it("should say a time to answer in minutes, hours or days", () => {
    expect(formatHours(0.25, "en")).toBe("15 minutes");
    expect(formatHours(5.5, "en")).toBe("5.5 hours");
    expect(formatHours(72, "en")).toBe("3 days");
    expect(formatHours(5.5, "sv")).toBe("5,5 timmar");
  });
});
