/** Request and response schemas of loops, comments, the inbox and live events (shared by server and web app). */
import { z } from "zod";
import { Id, Language, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { TagColour } from "./tasks.js";

export const LOOP_TEXT_MAX_LENGTH = 10_000;
export const COMMENT_TEXT_MAX_LENGTH = 5_000;
export const MAX_TAGS_PER_LOOP = 20;
/** At most this many files on one loop; one more is 400 (field `files`). */
export const MAX_ATTACHMENTS_PER_LOOP = 10;
/** Default per-file limit (MAX_ATTACHMENT_MB overrides it on the server); larger is 413. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const INBOX_PAGE_MAX = 100;
export const COMMENT_BANK_MAX_ITEMS = 200;

/** The five levels of the emoji scale, 1 = very bad … 5 = very good; each has a text label in both languages. */
export const EMOJI_LEVELS = [1, 2, 3, 4, 5] as const;
export const Emoji = z.number().int().min(1).max(5).meta({ description: "The emoji scale: 1 very bad, 2 bad, 3 okay, 4 good, 5 very good." });

const LoopText = z.string().max(LOOP_TEXT_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
const CommentText = z.string().trim().min(1).max(COMMENT_TEXT_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);

/**
 * A new loop. Sent as JSON, or as multipart/form-data with this object as JSON text in the field
 * `loop` and up to MAX_ATTACHMENTS_PER_LOOP file parts named `files`.
 */
export const SendLoopBody = z.object({
  taskId: Id.nullable().default(null).meta({ description: "The published task this loop reports on; null for a free loop." }),
  emoji: Emoji,
  tagIds: z.array(Id).max(MAX_TAGS_PER_LOOP).default([]).meta({ description: "Tags of the group (not archived)." }),
  text: LoopText.default(""),
  anonymous: z
    .boolean()
    .default(false)
    .meta({ description: "Free loops only, where the group allows it: leaders never learn who sent it." }),
  checkinOccurrenceId: Id.nullable()
    .default(null)
    .meta({ description: "The group's check-in occurrence this free loop answers (from the check-in's feed item), or null." }),
});
export type SendLoopBody = z.input<typeof SendLoopBody>;

export const UpdateLoopBody = z.object({
  text: LoopText.optional(),
  tagIds: z.array(Id).max(MAX_TAGS_PER_LOOP).optional(),
});

export const Person = z
  .object({ id: Id, name: z.string(), pictureUrl: z.string().nullable() })
  .meta({ id: "PersonCard", description: "Someone the viewer may see." });
export type Person = z.infer<typeof Person>;

export const Attachment = z
  .object({
    id: Id,
    kind: z.enum(["image", "pdf", "document", "text", "audio", "video"]),
    mime: z.string(),
    name: z.string().meta({ description: "A server-made name for images and anonymous loops; else the sender's file name." }),
    size: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string().meta({ description: "Download (Content-Disposition: attachment)." }),
    thumbnailUrl: z.string().nullable().meta({ description: "Images: a small WebP." }),
  })
  .meta({ id: "Attachment" });
export type Attachment = z.infer<typeof Attachment>;

export const LoopTag = z.object({ id: Id, name: z.string(), colour: TagColour.nullable(), archived: z.boolean() });

export const Loop = z
  .object({
    id: Id,
    groupId: Id,
    groupName: z.string(),
    task: z.object({ id: Id, title: z.string() }).nullable(),
    checkinOccurrenceId: Id.nullable().meta({ description: "The check-in occurrence this loop answers, or null." }),
    emoji: Emoji,
    tags: z.array(LoopTag),
    text: z.string(),
    anonymous: z.boolean(),
    /** The viewer sent it (also for their own anonymous loops). */
    mine: z.boolean(),
    /** Null when the viewer may not know who sent it (an anonymous loop seen by anyone but its sender). */
    sender: Person.nullable(),
    sentAt: z.string().meta({ description: "ISO 8601 instant; for an anonymous loop seen by others, the date only (YYYY-MM-DD): the organisation-local day it was sent on." }),
    editedAt: z.string().nullable().meta({ description: "Set when the sender edited it (for others on an anonymous loop: the date only)." }),
    approval: z
      .object({ approvedAt: z.string(), approvedBy: Person.nullable() })
      .nullable()
      .meta({ description: "Set when a leader approved this report." }),
    attachments: z.array(Attachment),
    commentCount: z.number().int(),
    lastCommentAt: z.string().nullable().meta({ description: "ISO 8601; for an anonymous loop seen by others, the date only." }),
    /** For the viewer: not opened since it was sent, or new comments since they last opened it. */
    unread: z.boolean(),
    answered: z.boolean().meta({ description: "A leader (in a flat group: a peer) has commented." }),
    abilities: z.object({
      edit: z.boolean(),
      delete: z.boolean(),
      comment: z.boolean(),
      approve: z.boolean(),
    }),
  })
  .meta({ id: "Loop" });
export type Loop = z.infer<typeof Loop>;
export const LoopEnvelope = z.object({ loop: Loop });
export const LoopPage = z.object({
  loops: z.array(Loop),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null at the end." }),
});
export const LoopParams = z.object({ loopId: Id });
export const AttachmentParams = z.object({ loopId: Id, attachmentId: Id });
export const AttachmentQuery = z.object({ variant: z.enum(["original", "thumbnail"]).default("original") });

/** A calendar day, YYYY-MM-DD (a real date). */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: "Not a date." });

const Bool = z.enum(["true", "false"]);
export const InboxQuery = z.object({
  groupId: Id.optional(),
  taskId: Id.optional().meta({ description: "Reports on this task; `free` is expressed by `kind`." }),
  kind: z.enum(["report", "free"]).optional(),
  tagId: Id.optional(),
  emoji: z.coerce.number().int().min(1).max(5).optional(),
  senderId: Id.optional().meta({ description: "One member's identified loops (anonymous loops never match)." }),
  checkinOccurrenceId: Id.optional().meta({
    description: "The loops answering this check-in occurrence (anonymous ones stay anonymous); an occurrence of a group whose loops the viewer does not receive matches nothing.",
  }),
  unread: Bool.optional(),
  unanswered: Bool.optional(),
  approved: Bool.optional().meta({ description: "true: approved reports; false: reports not yet approved." }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: "Words to find in the loop's text." }),
  from: Day.optional().meta({ description: "Loops listed on this day (YYYY-MM-DD, the organisation's day a loop was sent on) or later." }),
  to: Day.optional().meta({ description: "Loops listed on this day or earlier (inclusive); not before `from`." }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(30),
});
export const MyLoopsQuery = z.object({
  groupId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(30),
});

export const ApproveBody = z.object({
  comment: CommentText.optional().meta({ description: "Posted in the thread together with the approval." }),
});

export const Comment = z
  .object({
    id: Id,
    loopId: Id,
    /** Null when deleted, when the author is the anonymous sender (seen by others), or the account is gone. */
    author: Person.nullable(),
    authorRole: z.enum(["sender", "leader", "peer", "anonymous", "deleted"]).meta({
      description: "sender: the loop's sender; anonymous: the loop's sender on an anonymous loop (to others); leader/peer otherwise.",
    }),
    mine: z.boolean(),
    text: z.string().meta({ description: "Empty when deleted." }),
    createdAt: z.string().meta({ description: "ISO 8601; the anonymous sender's comments, seen by others: the date only." }),
    editedAt: z.string().nullable(),
    deleted: z.boolean(),
    abilities: z.object({ edit: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: "Comment" });
export type Comment = z.infer<typeof Comment>;

export const ReadReceipt = z.object({
  /** Null for the anonymous sender: "read by the sender", nothing more. */
  person: Person.nullable(),
  role: z.enum(["sender", "leader", "peer", "anonymous"]),
  readAt: z.string().nullable().meta({ description: "Null for the anonymous sender." }),
});
export const Thread = z
  .object({
    loopId: Id,
    comments: z.array(Comment),
    /** Who has read the latest comment (or, with no comments, the loop), besides the viewer. */
    readBy: z.array(ReadReceipt),
  })
  .meta({ id: "Thread" });
export type Thread = z.infer<typeof Thread>;
export const CommentBody = z.object({ text: CommentText });
export const CommentEnvelope = z.object({ comment: Comment });
export const CommentParams = z.object({ commentId: Id });

export const CommentBankItem = z
  .object({
    id: Id,
    text: z.string(),
    shared: z.boolean().meta({ description: "Shared with the group's leaders; else the owner's own." }),
    groupId: Id.nullable(),
    mine: z.boolean(),
    abilities: z.object({ delete: z.boolean() }),
  })
  .meta({ id: "CommentBankItem" });
export const CommentBankList = z.object({ items: z.array(CommentBankItem) });
export const CommentBankBody = z.object({
  text: CommentText,
  shared: z.boolean().default(false).meta({ description: "Share with the group's other leaders." }),
});
export const CommentBankParams = z.object({ itemId: Id });

/**
 * A live event (server-sent, `GET /api/v1/events`). Events name what changed, never who did it:
 * the client refetches through the API, which applies every visibility and anonymity rule.
 */
export const LoopLiveEvent = z.object({
  type: z.enum(["loop.created", "loop.updated", "loop.deleted", "comment.created", "comment.updated", "thread.read"]),
  groupId: Id,
  loopId: Id,
});
export type LoopLiveEvent = z.infer<typeof LoopLiveEvent>;
/** The viewer's own feed changed (a notification arrived or was read elsewhere): refetch it. */
export const FeedLiveEvent = z.object({ type: z.literal("feed.changed") });
export const LiveEvent = z.discriminatedUnion("type", [LoopLiveEvent, FeedLiveEvent]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export const LoopExportQuery = z.object({
  /** The first day of the period (YYYY-MM-DD, in the organisation's time zone). */
  from: Day.meta({ description: "The first day of the period (YYYY-MM-DD), in the organisation's time zone." }),
  /** The last day of the period, inclusive; at most 400 days after `from`. */
  to: Day.meta({ description: "The last day of the period (YYYY-MM-DD, inclusive), in the organisation's time zone; at most 400 days in all." }),
  /** The language of the headings. */
  language: Language.default("en").meta({ description: "The language of the headings and labels." }),
});
export type LoopExportQuery = z.infer<typeof LoopExportQuery>;
