/** Route schemas of information posts. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import { AttachmentQuery } from "../../../shared/schemas/loops.js";
import * as P from "../../../shared/schemas/posts.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["posts"];

export const list = {
  tags,
  summary: "The group's information posts, newest first (every member)",
  security,
  params: GroupParams,
  querystring: P.PostsQuery,
  response: { 200: P.PostPage, ...errors },
};
export const create = {
  tags,
  summary: "Post information to the whole group (leaders)",
  description:
    "JSON, or multipart/form-data with the post as JSON text in the field `post` (first) and up to 10 file parts named `files` " +
    "(the same rules as a loop's files). A refused file (415), a too large one (413) or one too many (400) leaves nothing stored. " +
    "Every other member of the group gets a `post_published` feed item.",
  security,
  params: GroupParams,
  // The multipart form is read by the handler; the JSON form is validated here.
  body: P.CreatePostBody.nullish(),
  response: { 201: P.PostEnvelope, ...errors },
};
export const get = { tags, summary: "One post", security, params: P.PostParams, response: { 200: P.PostEnvelope, ...errors } };
export const edit = {
  tags,
  summary: "Change a post's title or text (leaders; marked edited)",
  security,
  params: P.PostParams,
  body: P.UpdatePostBody,
  response: { 200: P.PostEnvelope, ...errors },
};
export const remove = { tags, summary: "Delete a post and its files (leaders)", security, params: P.PostParams, response: { 204: noContent, ...errors } };
export const seen = {
  tags,
  summary: "Mark the post seen (members other than its author; repeating it changes nothing)",
  security,
  params: P.PostParams,
  response: { 204: noContent, ...errors },
};
export const attachment = {
  tags,
  summary: "Download a post's file (always as a download, never rendered by the browser)",
  security,
  params: P.PostAttachmentParams,
  querystring: AttachmentQuery,
  response: { 200: z.any().meta({ description: "The file's bytes." }), ...errors },
};
