/** Route schemas of the tasks API: tasks, tags and content packages. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import { OrgParams } from "../../../shared/schemas/organisations.js";
import * as T from "../../../shared/schemas/tasks.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["tasks"];

export const listPackages = {
  tags,
  summary: "Content packages: the built-in library and, for its members, an organisation's own",
  security,
  querystring: T.PackageListQuery,
  response: { 200: T.PackageList, ...errors },
};
export const savePackage = {
  tags,
  summary: "Save a group's tasks and tags (not archived) and role titles as a package of the organisation",
  security,
  params: OrgParams,
  body: T.SavePackageBody,
  response: { 201: z.object({ package: T.ContentPackage }), ...errors },
};
export const deletePackage = { tags, summary: "Delete an organisation's package (its creator or an administrator)", security, params: T.PackageParams, response: { 204: noContent, ...errors } };

export const listTasks = {
  tags,
  summary: "The group's tasks in order: all with progress for leaders, published ones with my state for senders",
  security,
  params: GroupParams,
  response: { 200: T.TaskList, ...errors },
};
export const createTask = { tags, summary: "Add a task at the end of the list (leaders)", security, params: GroupParams, body: T.CreateTaskBody, response: { 201: T.TaskEnvelope, ...errors } };
export const updateTask = { tags, summary: "Edit, publish or unpublish a task (leaders)", security, params: T.TaskParams, body: T.UpdateTaskBody, response: { 200: T.TaskEnvelope, ...errors } };
export const deleteTask = {
  tags,
  summary: "Delete a task (leaders); 409 in_use when reports exist — unpublish it instead",
  security,
  params: T.TaskParams,
  response: { 204: noContent, ...errors },
};
export const orderTasks = {
  tags,
  summary: "Put the group's tasks in a new order: every id exactly once",
  security,
  params: GroupParams,
  body: T.OrderBody,
  response: { 200: T.TaskList, ...errors },
};

export const listTags = { tags, summary: "The group's tags in order (archived ones on request, for leaders)", security, params: GroupParams, querystring: T.TagListQuery, response: { 200: T.TagList, ...errors } };
export const createTag = { tags, summary: "Add a tag at the end of the list (leaders)", security, params: GroupParams, body: T.CreateTagBody, response: { 201: T.TagEnvelope, ...errors } };
export const updateTag = { tags, summary: "Rename, recolour or archive a tag (leaders)", security, params: T.TagParams, body: T.UpdateTagBody, response: { 200: T.TagEnvelope, ...errors } };
export const deleteTag = {
  tags,
  summary: "Delete a tag (leaders); 409 in_use when a loop carries it — archive it instead",
  security,
  params: T.TagParams,
  response: { 204: noContent, ...errors },
};
export const orderTags = {
  tags,
  summary: "Put the group's tags in a new order: every id (archived ones too) exactly once",
  security,
  params: GroupParams,
  body: T.OrderBody,
  response: { 200: T.TagList, ...errors },
};
