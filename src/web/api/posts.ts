/** The information-posts API: one function per endpoint, typed with the shared zod schemas; and the posts' query keys. */
import type { CreatePostBody, Post, PostPage, UpdatePostBody } from "../../shared/schemas/posts.js";
import { apiRequest } from "./client.js";

export type { Post, PostPage };

const postPath = (postId: string) => `/posts/${encodeURIComponent(postId)}`;

/** Everything about posts sits under "posts", so one invalidation refreshes lists and single posts. */
export const postsKey = ["posts"] as const;
export const groupPostsKey = (groupId: string) => ["posts", "group", groupId] as const;
export const postKey = (postId: string) => ["posts", "one", postId] as const;

/** A page of the group's posts, newest first. */
export function listPosts(groupId: string, cursor?: string): Promise<PostPage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return apiRequest<PostPage>("GET", `/groups/${encodeURIComponent(groupId)}/posts${query}`);
}

/**
 * Publishes a post. With files it goes as multipart/form-data: the post as JSON text in the field
 * `post` (first) and each file as a part named `files`; without, as plain JSON.
 */
export async function createPost(groupId: string, body: CreatePostBody, files: readonly File[] = []): Promise<Post> {
  const path = `/groups/${encodeURIComponent(groupId)}/posts`;
  if (files.length === 0) return (await apiRequest<{ post: Post }>("POST", path, { json: body })).post;
  const form = new FormData();
  form.append("post", JSON.stringify(body));
  for (const file of files) form.append("files", file, file.name);
  return (await apiRequest<{ post: Post }>("POST", path, { form })).post;
}

export async function getPost(postId: string): Promise<Post> {
  return (await apiRequest<{ post: Post }>("GET", postPath(postId))).post;
}

export async function updatePost(postId: string, body: UpdatePostBody): Promise<Post> {
  return (await apiRequest<{ post: Post }>("PATCH", postPath(postId), { json: body })).post;
}

export function deletePost(postId: string): Promise<void> {
  return apiRequest<void>("DELETE", postPath(postId));
}

/** Marks the post seen by me (GETs never change state); repeating it changes nothing. */
export function markPostSeen(postId: string): Promise<void> {
  return apiRequest<void>("POST", `${postPath(postId)}/seen`);
}
