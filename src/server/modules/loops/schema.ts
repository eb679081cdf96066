/** Route schemas of the loops API. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import * as L from "../../../shared/schemas/loops.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["loops"];
const P = L.LoopParams;

export const send = {
  tags,
  summary: "Send a loop (emoji, tags, text, files) in a group",
  description:
    "JSON, or multipart/form-data with the loop as JSON text in the field `loop` (first) and up to 10 file parts named `files`. " +
    "A refused file (415), a too large one (413) or one too many (400) leaves nothing stored.",
  security,
  params: GroupParams,
  // The multipart form is read by the handler; the JSON form is validated here.
  body: L.SendLoopBody.nullish(),
  response: { 201: L.LoopEnvelope, ...errors },
};
export const get = { tags, summary: "One loop", security, params: P, response: { 200: L.LoopEnvelope, ...errors } };
export const edit = { tags, summary: "Correct your loop's text or tags (marked edited)", security, params: P, body: L.UpdateLoopBody, response: { 200: L.LoopEnvelope, ...errors } };
export const remove = { tags, summary: "Delete your loop, its thread and files", security, params: P, response: { 204: noContent, ...errors } };
export const approve = { tags, summary: "Approve a report, optionally with a comment", security, params: P, body: L.ApproveBody.nullish(), response: { 200: L.LoopEnvelope, ...errors } };
export const withdrawApproval = { tags, summary: "Withdraw an approval", security, params: P, response: { 200: L.LoopEnvelope, ...errors } };
export const read = { tags, summary: "Mark the loop and its thread read", security, params: P, response: { 204: noContent, ...errors } };
export const attachment = {
  tags,
  summary: "Download an attachment (always as a download, never rendered by the browser)",
  security,
  params: L.AttachmentParams,
  querystring: L.AttachmentQuery,
  response: { 200: z.any().meta({ description: "The file's bytes." }), ...errors },
};
export const inbox = {
  tags,
  summary: "Loops I receive: every loop of the groups I lead, and my peers' loops in flat groups; newest first",
  security,
  querystring: L.InboxQuery,
  response: { 200: L.LoopPage, ...errors },
};
export const mine = { tags, summary: "My own loops, newest first", security, querystring: L.MyLoopsQuery, response: { 200: L.LoopPage, ...errors } };
export const events = {
  tags,
  summary: "Live events (text/event-stream) about loops I may read",
  description: "Each message is JSON: {type, groupId, loopId}. Events never name a person: refetch through the API.",
  security,
  response: { 200: z.any().meta({ description: "text/event-stream" }), ...errors },
};
const exportDescription =
  "The group's loops sent in the period, oldest first, for those who read the group's loops. An anonymous loop has no sender and only its day; " +
  "times are local to the organisation's time zone; text that a spreadsheet would read as a formula starts with an apostrophe.";
export const exportCsv = {
  tags,
  summary: "The group's loops of a period as CSV (UTF-8 with BOM), as a download",
  description: exportDescription,
  security,
  params: GroupParams,
  querystring: L.LoopExportQuery,
  response: { 200: z.any().meta({ description: "text/csv (UTF-8 with BOM), as a download." }), ...errors },
};
export const exportXlsx = {
  tags,
  summary: "The group's loops of a period as an Excel workbook (XLSX), as a download",
  description: exportDescription,
  security,
  params: GroupParams,
  querystring: L.LoopExportQuery,
  response: { 200: z.any().meta({ description: "An XLSX workbook, as a download." }), ...errors },
};
