/** The tasks, tags and content packages API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type { Language } from "../../shared/schemas/accounts.js";
import type {
  ContentPackage,
  CreateTagBody,
  CreateTaskBody,
  PackageList,
  SavePackageBody,
  Tag,
  TagList,
  Task,
  TaskList,
  UpdateTagBody,
  UpdateTaskBody,
} from "../../shared/schemas/tasks.js";
import { apiRequest } from "./client.js";

export type { ContentPackage, Tag, Task };

// Under the group's key, so refreshing a group refreshes its tasks and tags too.
export const tasksKey = (groupId: string) => ["groups", groupId, "tasks"] as const;
export const tagsKey = (groupId: string) => ["groups", groupId, "tags"] as const;
export const packagesKey = (orgId: string) => ["organisations", orgId, "packages"] as const;

const group = (groupId: string) => `/groups/${encodeURIComponent(groupId)}`;
const task = (groupId: string, taskId: string) => `${group(groupId)}/tasks/${encodeURIComponent(taskId)}`;
const tag = (groupId: string, tagId: string) => `${group(groupId)}/tags/${encodeURIComponent(tagId)}`;

/** The library's packages and, with an organisation, that organisation's own; optionally one language only. */
export async function listPackages(options: { organisationId?: string; language?: Language } = {}): Promise<ContentPackage[]> {
  const query = new URLSearchParams();
  if (options.organisationId) query.set("organisationId", options.organisationId);
  if (options.language) query.set("language", options.language);
  const text = query.toString();
  const suffix = text ? `?${text}` : "";
  return (await apiRequest<z.infer<typeof PackageList>>("GET", `/packages${suffix}`)).packages;
}

/** Saves a group's tasks and tags (not archived) as a package of its organisation. */
export async function savePackage(orgId: string, body: z.input<typeof SavePackageBody>): Promise<ContentPackage> {
  return (await apiRequest<{ package: ContentPackage }>("POST", `/organisations/${encodeURIComponent(orgId)}/packages`, { json: body }))
    .package;
}

export function deletePackage(orgId: string, packageId: string): Promise<void> {
  return apiRequest<void>("DELETE", `/organisations/${encodeURIComponent(orgId)}/packages/${encodeURIComponent(packageId)}`);
}

/** Leaders get every task with its progress; senders the published ones with their own state. */
export async function listTasks(groupId: string): Promise<Task[]> {
  return (await apiRequest<z.infer<typeof TaskList>>("GET", `${group(groupId)}/tasks`)).tasks;
}

export async function createTask(groupId: string, body: z.input<typeof CreateTaskBody>): Promise<Task> {
  return (await apiRequest<{ task: Task }>("POST", `${group(groupId)}/tasks`, { json: body })).task;
}

export async function updateTask(groupId: string, taskId: string, body: z.input<typeof UpdateTaskBody>): Promise<Task> {
  return (await apiRequest<{ task: Task }>("PATCH", task(groupId, taskId), { json: body })).task;
}

/** Refused with 409 in_use once reports were sent on the task (unpublish it instead). */
export function deleteTask(groupId: string, taskId: string): Promise<void> {
  return apiRequest<void>("DELETE", task(groupId, taskId));
}

/** Every task id of the group, in the new order. */
export async function orderTasks(groupId: string, ids: readonly string[]): Promise<Task[]> {
  return (await apiRequest<z.infer<typeof TaskList>>("PUT", `${group(groupId)}/tasks/order`, { json: { ids } })).tasks;
}

/** The group's tags; leaders may ask for the archived ones too. */
export async function listTags(groupId: string, includeArchived = false): Promise<Tag[]> {
  const suffix = includeArchived ? "?includeArchived=true" : "";
  return (await apiRequest<z.infer<typeof TagList>>("GET", `${group(groupId)}/tags${suffix}`)).tags;
}

export async function createTag(groupId: string, body: z.input<typeof CreateTagBody>): Promise<Tag> {
  return (await apiRequest<{ tag: Tag }>("POST", `${group(groupId)}/tags`, { json: body })).tag;
}

export async function updateTag(groupId: string, tagId: string, body: z.input<typeof UpdateTagBody>): Promise<Tag> {
  return (await apiRequest<{ tag: Tag }>("PATCH", tag(groupId, tagId), { json: body })).tag;
}

/** Refused with 409 in_use once a loop carries the tag (archive it instead). */
export function deleteTag(groupId: string, tagId: string): Promise<void> {
  return apiRequest<void>("DELETE", tag(groupId, tagId));
}

/** Every tag id of the group (archived ones included), in the new order. */
export async function orderTags(groupId: string, ids: readonly string[]): Promise<Tag[]> {
  return (await apiRequest<z.infer<typeof TagList>>("PUT", `${group(groupId)}/tags/order`, { json: { ids } })).tags;
}
