/**
 * Safeguarding (issue 7): loops a leader flags "requires reporting", the organisation's
 * designated safeguarding contacts, and what they did about each flag (server and web app).
 */
import { z } from "zod";
import { Id, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { Loop, Person, Thread } from "./loops.js";

export const SAFEGUARDING_NOTE_MAX_LENGTH = 4_000;
export const SAFEGUARDING_PAGE_MAX = 100;

export const SAFEGUARDING_REASONS = ["abuse", "risk", "other"] as const;
export const SafeguardingReason = z
  .enum(SAFEGUARDING_REASONS)
  .meta({ description: "abuse: signs of abusive treatment; risk: a risk to the person or others; other: anything else the school must report." });
export type SafeguardingReason = z.infer<typeof SafeguardingReason>;

export const SAFEGUARDING_STATUSES = ["open", "forwarded_social_services", "forwarded_other", "closed"] as const;
export const SafeguardingStatus = z
  .enum(SAFEGUARDING_STATUSES)
  .meta({ description: "open; forwarded_social_services; forwarded_other (the police, health services…); closed." });
export type SafeguardingStatus = z.infer<typeof SafeguardingStatus>;

const Note = z.string().trim().min(1).max(SAFEGUARDING_NOTE_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);

export const FlagLoopBody = z.object({
  reason: SafeguardingReason,
  note: Note.meta({ description: "What the leader saw and why it must be reported (1–4,000 characters, plain text)." }),
});
export type FlagLoopBody = z.input<typeof FlagLoopBody>;

export const RecordStepBody = z.object({
  status: SafeguardingStatus.meta({ description: "The flag's status after this step (the same status adds a note only)." }),
  note: Note.meta({ description: "What was done: to whom it was forwarded, when, or why it is closed (1–4,000 characters)." }),
});
export type RecordStepBody = z.input<typeof RecordStepBody>;

export const AddContactBody = z.object({ userId: Id.meta({ description: "A member of the organisation." }) });

/** One step of a flag's history. */
export const SafeguardingStep = z.object({
  id: Id,
  status: SafeguardingStatus,
  note: z.string(),
  /** Null once the account is gone. */
  by: Person.nullable(),
  at: z.string(),
});
export type SafeguardingStep = z.infer<typeof SafeguardingStep>;

export const SafeguardingFlag = z
  .object({
    id: Id,
    organisationId: Id,
    /** Null once the group is deleted. */
    groupId: Id.nullable(),
    groupName: z.string().nullable(),
    /** Null once the loop is gone (deleted by its sender, removed by retention or erasure). */
    loopId: Id.nullable(),
    reason: SafeguardingReason,
    note: z.string(),
    status: SafeguardingStatus,
    /** The leader who flagged it (null once the account is gone). */
    flaggedBy: Person.nullable(),
    flaggedAt: z.string(),
    updatedAt: z.string(),
    mine: z.boolean().meta({ description: "The viewer flagged it." }),
    abilities: z.object({ recordStep: z.boolean() }),
  })
  .meta({ id: "SafeguardingFlag" });
export type SafeguardingFlag = z.infer<typeof SafeguardingFlag>;

export const SafeguardingFlagEnvelope = z.object({ flag: SafeguardingFlag });

/**
 * A flag in a list: without the leader's note, which is read by opening the flag — every opening
 * is in the audit log, a list is not.
 */
export const SafeguardingFlagSummary = SafeguardingFlag.omit({ note: true }).meta({ id: "SafeguardingFlagSummary" });
export type SafeguardingFlagSummary = z.infer<typeof SafeguardingFlagSummary>;

/** A flag with its history, and the loop and thread as the viewer may see them (an anonymous loop without its sender). */
export const SafeguardingFlagDetail = z
  .object({
    flag: SafeguardingFlag,
    history: z.array(SafeguardingStep),
    /** Null when the loop is gone, or when the flagging leader may no longer read it (contacts always may). */
    loop: Loop.nullable(),
    thread: Thread.nullable(),
  })
  .meta({ id: "SafeguardingFlagDetail" });
export type SafeguardingFlagDetail = z.infer<typeof SafeguardingFlagDetail>;

/** A flag and its history, after a step. */
export const SafeguardingFlagHistory = z.object({ flag: SafeguardingFlag, history: z.array(SafeguardingStep) });
export type SafeguardingFlagHistory = z.infer<typeof SafeguardingFlagHistory>;

export const SafeguardingFlagPage = z.object({
  flags: z.array(SafeguardingFlagSummary),
  /** The viewer is a safeguarding contact (sees every flag of the organisation); otherwise only their own flags. */
  isContact: z.boolean(),
});
export type SafeguardingFlagPage = z.infer<typeof SafeguardingFlagPage>;

export const SafeguardingFlagsQuery = z.object({
  status: SafeguardingStatus.optional(),
  limit: z.coerce.number().int().min(1).max(SAFEGUARDING_PAGE_MAX).default(50),
});

/** What the loop page may show about safeguarding: only the viewer's own flags (a contact: every flag) on it. */
export const LoopSafeguarding = z.object({
  flags: z.array(SafeguardingFlagSummary),
  abilities: z.object({ flag: z.boolean() }),
  /** The organisation has designated safeguarding contacts (a flag needs someone to go to). */
  contactsDesignated: z.boolean(),
});
export type LoopSafeguarding = z.infer<typeof LoopSafeguarding>;

export const SafeguardingContact = z.object({ person: Person, since: z.string() });
export const SafeguardingContacts = z.object({
  contacts: z.array(SafeguardingContact),
  /** The viewer is one of them. */
  isContact: z.boolean(),
  abilities: z.object({ manage: z.boolean() }),
});
export type SafeguardingContacts = z.infer<typeof SafeguardingContacts>;

export const FlagParams = z.object({ flagId: Id });
export const FlagAttachmentParams = z.object({ flagId: Id, attachmentId: Id });
export const ContactParams = z.object({ orgId: Id, userId: Id });
