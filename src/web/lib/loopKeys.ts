/**
 * Query keys of loops, the inbox, threads and the comment bank. Everything sits under "loops",
 * so one live event can refresh what it touches by prefix.
 */
import type { InboxFilter } from "../api/loops.js";

export const loopsKey = ["loops"] as const;
export const inboxKey = ["loops", "inbox"] as const;
export const inboxPageKey = (filter: InboxFilter) => ["loops", "inbox", filter] as const;
/** The first page of my unread loops, for the count in the header. */
export const unreadCountKey = ["loops", "inbox", "unread-count"] as const;
export const myLoopsKey = ["loops", "mine"] as const;
export const loopKey = (loopId: string) => ["loops", "one", loopId] as const;
export const threadKey = (loopId: string) => ["loops", "one", loopId, "thread"] as const;
export const commentBankKey = (groupId: string) => ["loops", "comment-bank", groupId] as const;
/**
 * The tags offered on a loop (archived ones left out). Not the tags page's key: that one holds
 * the archived tags too.
 */
export const offeredTagsKey = (groupId: string) => ["loops", "composer", groupId, "tags"] as const;
