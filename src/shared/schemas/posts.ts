/** Request and response schemas of information posts (shared by server and web app). */
import { z } from "zod";
import { Id, NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { Attachment, Person } from "./loops.js";

export const POST_TITLE_MAX_LENGTH = 200;
/** Plain text: paragraphs separated by blank lines; web addresses become links when shown. */
export const POST_BODY_MAX_LENGTH = 20_000;
export const POSTS_PAGE_MAX = 50;

const PostTitle = z.string().trim().min(1).max(POST_TITLE_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
const PostText = z.string().max(POST_BODY_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);

/**
 * A new post. Sent as JSON, or as multipart/form-data with this object as JSON text in the field
 * `post` (first) and up to 10 file parts named `files` (the same rules as a loop's files).
 */
export const CreatePostBody = z.object({
  title: PostTitle.meta({ description: "1–200 characters, one line." }),
  body: PostText.default("").meta({ description: "Plain text: paragraphs separated by blank lines; web addresses are shown as links. Never HTML." }),
});
export type CreatePostBody = z.input<typeof CreatePostBody>;

/** Changes to a post's title or text (its files stay as they are). */
export const UpdatePostBody = z.object({
  title: PostTitle.optional(),
  body: PostText.optional(),
});
export type UpdatePostBody = z.input<typeof UpdatePostBody>;

export const Post = z
  .object({
    id: Id,
    groupId: Id,
    title: z.string(),
    body: z.string().meta({ description: "Plain text (render as text, never as HTML)." }),
    /** Null when the author's account is gone. */
    author: Person.nullable(),
    mine: z.boolean().meta({ description: "The viewer wrote it." }),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    attachments: z.array(Attachment),
    seen: z.boolean().meta({ description: "The viewer has marked it seen (always true for its author)." }),
    seenCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: "How many of the group's current members (besides the author) have seen it; null unless the viewer may know (leaders)." }),
    memberCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The group's current members besides the author (the post's audience); null unless the viewer may know." }),
    abilities: z.object({ edit: z.boolean(), delete: z.boolean(), markSeen: z.boolean(), readSeen: z.boolean() }),
  })
  .meta({ id: "Post" });
export type Post = z.infer<typeof Post>;

export const PostEnvelope = z.object({ post: Post });
export const PostPage = z.object({
  posts: z.array(Post),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null at the end." }),
});
export type PostPage = z.infer<typeof PostPage>;
export const PostsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(POSTS_PAGE_MAX).default(20),
});
export const PostParams = z.object({ postId: Id });
export const PostAttachmentParams = z.object({ postId: Id, attachmentId: Id });
