/** Route schemas of comment threads and the comment bank. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import * as L from "../../../shared/schemas/loops.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["comments"];

export const thread = { tags, summary: "A loop's comment thread and read receipts", security, params: L.LoopParams, response: { 200: L.Thread, ...errors } };
export const add = { tags, summary: "Comment on a loop", security, params: L.LoopParams, body: L.CommentBody, response: { 201: L.CommentEnvelope, ...errors } };
export const edit = { tags, summary: "Edit your comment (marked edited)", security, params: L.CommentParams, body: L.CommentBody, response: { 200: L.CommentEnvelope, ...errors } };
export const remove = { tags, summary: "Delete your comment (shown as deleted)", security, params: L.CommentParams, response: { 204: noContent, ...errors } };
export const bank = { tags, summary: "Saved comments: my own and those shared in the group (leaders)", security, params: GroupParams, response: { 200: L.CommentBankList, ...errors } };
export const save = {
  tags,
  summary: "Save a comment for reuse (shared with the group's leaders, or my own)",
  security,
  params: GroupParams,
  body: L.CommentBankBody,
  response: { 201: z.object({ item: L.CommentBankItem }), ...errors },
};
export const unsave = { tags, summary: "Delete a saved comment (its owner)", security, params: L.CommentBankParams, response: { 204: noContent, ...errors } };
