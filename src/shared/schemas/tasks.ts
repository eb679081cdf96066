/** Request and response schemas of tasks, tags and content packages (shared by server and web app). */
import { z } from "zod";
import { Id, Instant, Language, NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { RoleTitles } from "./groups.js";

export const TASK_TITLE_MAX_LENGTH = 160;
export const TASK_INSTRUCTIONS_MAX_LENGTH = 10_000;
export const TAG_NAME_MAX_LENGTH = 60;
export const MAX_TASKS_PER_GROUP = 500;
export const MAX_TAGS_PER_GROUP = 100;
export const PACKAGE_NAME_MAX_LENGTH = 120;
export const PACKAGE_DESCRIPTION_MAX_LENGTH = 2000;

/** The tag palette: names, not CSS, so every colour is one the design tokens keep readable. */
export const TAG_COLOURS = ["grey", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
export const TagColour = z.enum(TAG_COLOURS).meta({ description: "A palette colour name; the web app maps it to accessible colours." });

const TaskTitle = z.string().trim().min(1).max(TASK_TITLE_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
/** Plain text with paragraphs; links are recognised when shown, nothing else is interpreted. */
const Instructions = z.string().trim().max(TASK_INSTRUCTIONS_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
const TagName = z.string().trim().min(1).max(TAG_NAME_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);

/** A sender's progress on a task: a report sent, and approved. */
export const TaskState = z.enum(["not_started", "sent", "approved"]);
export type TaskState = z.infer<typeof TaskState>;

export const Task = z
  .object({
    id: Id,
    groupId: Id,
    title: z.string(),
    instructions: z.string(),
    position: z.number().int(),
    published: z.boolean(),
    dueAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    /** For a sender: their own progress. Null for leaders. */
    myState: TaskState.nullable(),
    /** For leaders: how many senders have sent a report / have one approved. Null for senders. */
    progress: z.object({ sent: z.number().int(), approved: z.number().int(), senders: z.number().int() }).nullable(),
    abilities: z.object({ update: z.boolean(), delete: z.boolean(), report: z.boolean() }),
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof Task>;
export const TaskList = z.object({ tasks: z.array(Task) });
export const TaskEnvelope = z.object({ task: Task });

export const CreateTaskBody = z.object({
  title: TaskTitle,
  instructions: Instructions.default(""),
  dueAt: Instant.nullable().optional().meta({ description: "ISO 8601; null or absent for no due date." }),
  published: z.boolean().default(false).meta({ description: "Senders see published tasks only." }),
});
export const UpdateTaskBody = z.object({
  title: TaskTitle.optional(),
  instructions: Instructions.optional(),
  dueAt: Instant.nullable().optional(),
  published: z.boolean().optional(),
});
export const TaskParams = z.object({ groupId: Id, taskId: Id });
export const OrderBody = z.object({
  ids: z.array(Id).min(1).max(MAX_TASKS_PER_GROUP).meta({ description: "Every id of the list, in the new order." }),
});

export const Tag = z
  .object({
    id: Id,
    groupId: Id,
    name: z.string(),
    colour: TagColour.nullable(),
    position: z.number().int(),
    archived: z.boolean(),
    /** For leaders: loops carrying the tag (an archived tag keeps them). Null for others. */
    usage: z.number().int().nullable(),
    abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: "Tag" });
export type Tag = z.infer<typeof Tag>;
export const TagList = z.object({ tags: z.array(Tag) });
export const TagEnvelope = z.object({ tag: Tag });
export const TagListQuery = z.object({
  includeArchived: z.enum(["true", "false"]).optional().meta({ description: "Leaders: include archived tags." }),
});
export const CreateTagBody = z.object({ name: TagName, colour: TagColour.nullable().optional() });
export const UpdateTagBody = z.object({
  name: TagName.optional(),
  colour: TagColour.nullable().optional(),
  archived: z.boolean().optional().meta({ description: "Archived tags stay on the loops that carry them but are no longer offered." }),
});
export const TagParams = z.object({ groupId: Id, tagId: Id });

/** What a package holds; copied into a group created from it. */
export const PackageContent = z.object({
  tasks: z.array(z.object({ title: TaskTitle, instructions: Instructions })).max(MAX_TASKS_PER_GROUP),
  tags: z.array(z.object({ name: TagName, colour: TagColour.nullable() })).max(MAX_TAGS_PER_GROUP),
  roleTitles: RoleTitles.nullable(),
});
export type PackageContent = z.infer<typeof PackageContent>;

export const ContentPackage = z
  .object({
    id: z.string().meta({ description: "builtin:<slug>:<language> for the library's packages, a UUID for an organisation's." }),
    source: z.enum(["builtin", "organisation"]),
    organisationId: Id.nullable(),
    language: Language,
    name: z.string(),
    description: z.string(),
    content: PackageContent,
    abilities: z.object({ delete: z.boolean() }),
  })
  .meta({ id: "ContentPackage" });
export type ContentPackage = z.infer<typeof ContentPackage>;
export const PackageList = z.object({ packages: z.array(ContentPackage) });
export const PackageListQuery = z.object({
  organisationId: Id.optional().meta({ description: "Also list this organisation's own packages (members only)." }),
  language: Language.optional().meta({ description: "Only packages in this language." }),
});
export const SavePackageBody = z.object({
  groupId: Id.meta({ description: "The group whose tasks and tags (not archived) become the package." }),
  name: z.string().trim().min(1).max(PACKAGE_NAME_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS),
  description: z.string().trim().max(PACKAGE_DESCRIPTION_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE).default(""),
  language: Language,
});
export const PackageParams = z.object({ orgId: Id, packageId: Id });
