/** The loops, inbox, comments and comment-bank API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  ApproveBody,
  Attachment,
  Comment,
  CommentBankBody,
  CommentBankItem,
  CommentBankList,
  InboxQuery,
  Loop,
  LoopPage,
  SendLoopBody,
  Thread,
  UpdateLoopBody,
} from "../../shared/schemas/loops.js";
import { apiRequest } from "./client.js";

export type { Attachment, Comment, Loop, Thread };
export type LoopPageResult = z.infer<typeof LoopPage>;
export type CommentBankEntry = z.infer<typeof CommentBankItem>;
/** The inbox filters as the API takes them (every value a string, as in the page's address). */
export type InboxFilter = Partial<Record<Exclude<keyof z.input<typeof InboxQuery>, "limit">, string>>;

const loopPath = (loopId: string) => `/loops/${encodeURIComponent(loopId)}`;
const groupPath = (groupId: string) => `/groups/${encodeURIComponent(groupId)}`;

/** "?a=1&b=2" of the values that are set ("" for none). */
function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Sends a loop. With files it goes as multipart/form-data: the loop as JSON text in the field
 * `loop` and each file as a part named `files`; without, as plain JSON.
 */
export async function sendLoop(groupId: string, body: SendLoopBody, files: readonly File[] = []): Promise<Loop> {
  const path = `${groupPath(groupId)}/loops`;
  if (files.length === 0) return (await apiRequest<{ loop: Loop }>("POST", path, { json: body })).loop;
  const form = new FormData();
  form.append("loop", JSON.stringify(body));
  for (const file of files) form.append("files", file, file.name);
  return (await apiRequest<{ loop: Loop }>("POST", path, { form })).loop;
}

export async function getLoop(loopId: string): Promise<Loop> {
  return (await apiRequest<{ loop: Loop }>("GET", loopPath(loopId))).loop;
}

export async function updateLoop(loopId: string, body: z.input<typeof UpdateLoopBody>): Promise<Loop> {
  return (await apiRequest<{ loop: Loop }>("PATCH", loopPath(loopId), { json: body })).loop;
}

export function deleteLoop(loopId: string): Promise<void> {
  return apiRequest<void>("DELETE", loopPath(loopId));
}

export async function approveLoop(loopId: string, body: z.input<typeof ApproveBody>): Promise<Loop> {
  return (await apiRequest<{ loop: Loop }>("POST", `${loopPath(loopId)}/approve`, { json: body })).loop;
}

export async function withdrawApproval(loopId: string): Promise<Loop> {
  return (await apiRequest<{ loop: Loop }>("DELETE", `${loopPath(loopId)}/approve`)).loop;
}

/** Marks the loop and its thread read for me (GETs never change state). */
export function markLoopRead(loopId: string): Promise<void> {
  return apiRequest<void>("POST", `${loopPath(loopId)}/read`);
}

/** Loops I receive, newest first. */
export function listInbox(filter: InboxFilter, cursor?: string): Promise<LoopPageResult> {
  return apiRequest<LoopPageResult>("GET", `/inbox${queryString({ ...filter, cursor })}`);
}

/** My own loops (anonymous ones included), newest first. */
export function listMyLoops(cursor?: string): Promise<LoopPageResult> {
  return apiRequest<LoopPageResult>("GET", `/me/loops${queryString({ cursor })}`);
}

export function getThread(loopId: string): Promise<Thread> {
  return apiRequest<Thread>("GET", `${loopPath(loopId)}/comments`);
}

export async function addComment(loopId: string, text: string): Promise<Comment> {
  return (await apiRequest<{ comment: Comment }>("POST", `${loopPath(loopId)}/comments`, { json: { text } })).comment;
}

export async function editComment(commentId: string, text: string): Promise<Comment> {
  return (await apiRequest<{ comment: Comment }>("PATCH", `/comments/${encodeURIComponent(commentId)}`, { json: { text } })).comment;
}

export function deleteComment(commentId: string): Promise<void> {
  return apiRequest<void>("DELETE", `/comments/${encodeURIComponent(commentId)}`);
}

/** My saved replies for this organisation plus those shared in the group (leaders only). */
export async function listCommentBank(groupId: string): Promise<CommentBankEntry[]> {
  return (await apiRequest<z.infer<typeof CommentBankList>>("GET", `${groupPath(groupId)}/comment-bank`)).items;
}

export async function saveToCommentBank(groupId: string, body: z.input<typeof CommentBankBody>): Promise<CommentBankEntry> {
  return (await apiRequest<{ item: CommentBankEntry }>("POST", `${groupPath(groupId)}/comment-bank`, { json: body })).item;
}

export function deleteFromCommentBank(itemId: string): Promise<void> {
  return apiRequest<void>("DELETE", `/comment-bank/${encodeURIComponent(itemId)}`);
}
