/**
 * What the group dashboard adds to the dashboards' shared words (components/dashboards/format.ts):
 * a median time to answer, and the inbox address behind a bar or cell.
 */

/** A median time to answer in minutes, hours or days, whichever reads best ("5.5 hours", "2 days"). */
export function formatHours(hours: number, locale: string): string {
  const unit = (u: "minute" | "hour" | "day", value: number) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "long", maximumFractionDigits: u === "minute" ? 0 : 1 }).format(value);
  if (hours < 1) return unit("minute", Math.max(1, Math.round(hours * 60)));
  if (hours < 48) return unit("hour", hours);
  return unit("day", hours / 24);
}

export interface InboxLink {
  groupId: string;
  /** First and last day (inclusive), on the loops' organisation-local day. */
  from: string;
  to: string;
  emoji?: number;
  tagId?: string;
  taskId?: string;
  /** Free loops only (the heat-map's last row). */
  free?: boolean;
  senderId?: string;
}

/** The inbox filtered to the loops behind a bar or cell (the inbox's own filters, in its address). */
export function inboxHref(link: InboxLink): string {
  const params = new URLSearchParams({ groupId: link.groupId, from: link.from, to: link.to });
  if (link.emoji !== undefined) params.set("emoji", String(link.emoji));
  if (link.tagId) params.set("tagId", link.tagId);
  if (link.taskId) params.set("taskId", link.taskId);
  else if (link.free) params.set("kind", "free");
  if (link.senderId) params.set("senderId", link.senderId);
  return `/inbox?${params.toString()}`;
}
