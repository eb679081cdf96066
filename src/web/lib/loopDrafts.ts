/**
 * Unsent loops kept in this browser, one per person and group, until sent or discarded. Files
 * are never kept (they may be large, and a draft should hold nothing the person didn't type).
 * Sign-out removes every draft together with the rest of Web Storage.
 */
import { z } from "zod";
import { Emoji } from "../../shared/schemas/loops.js";

const PREFIX = "openloop.loopDraft.";

export const LoopDraft = z.object({
  taskId: z.string().nullable(),
  emoji: Emoji.nullable(),
  tagIds: z.array(z.string()),
  text: z.string(),
  anonymous: z.boolean(),
});
export type LoopDraft = z.infer<typeof LoopDraft>;

export const EMPTY_DRAFT: LoopDraft = { taskId: null, emoji: null, tagIds: [], text: "", anonymous: false };

const storageKey = (userId: string, groupId: string) => `${PREFIX}${userId}.${groupId}`;

export function isEmptyDraft(draft: LoopDraft): boolean {
  return draft.emoji === null && draft.tagIds.length === 0 && draft.text.trim() === "" && !draft.anonymous;
}

/** The saved draft, or null when there is none (or it can't be read). */
export function loadDraft(userId: string, groupId: string): LoopDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(userId, groupId));
    if (raw === null) return null;
    const parsed = LoopDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps the draft; an empty one is removed instead. */
export function saveDraft(userId: string, groupId: string, draft: LoopDraft): void {
  try {
    if (isEmptyDraft(draft)) window.localStorage.removeItem(storageKey(userId, groupId));
    else window.localStorage.setItem(storageKey(userId, groupId), JSON.stringify(draft));
  } catch {
    // Storage full or switched off: the draft lives only on screen.
  }
}

export function discardDraft(userId: string, groupId: string): void {
  try {
    window.localStorage.removeItem(storageKey(userId, groupId));
  } catch {
    // Nothing to remove when storage is off.
  }
}

/** Removes every person's drafts (sign-out). */
export function discardAllDrafts(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) window.localStorage.removeItem(key);
  } catch {
    // Storage switched off: there are no drafts.
  }
}
