/**
 * The only place that shapes safeguarding output. The loop and its thread go through the loops
 * and comments modules' own presenters, with the viewer as who they are: a contact is not the
 * sender, so an anonymous loop comes without its sender, times to the day, the sender's comments
 * as "anonymous" (design.md §7.3). Files are served through the flag, so a contact outside the
 * group can open them.
 */
import type { CommentRow } from "../../db/types.js";
import type { SafeguardingFlagRow, SafeguardingStepRow } from "../../db/tables/safeguarding.js";
import type { Actor } from "../../policies/index.js";
import type { Loop, Thread } from "../../../shared/schemas/loops.js";
import type { SafeguardingFlag, SafeguardingFlagSummary, SafeguardingStep } from "../../../shared/schemas/safeguarding.js";
import { presentThread } from "../comments/presenters.js";
import type { LoopAccess } from "../loops/policy.js";
import { presentAttachmentAt, presentLoop, presentPerson } from "../loops/presenters.js";
import type { LoopDetails } from "../loops/queries.js";
import { flagPolicy, type FlagAccess } from "./policy.js";

type Card = { id: string; name: string; picture_key: string | null };

/** Names a page of flags needs: people (flaggers, step authors) and groups. */
export interface FlagContext {
  cards: Map<string, Card>;
  groups: Map<string, string>;
}

export function presentFlag(actor: Actor, fa: FlagAccess, d: FlagContext): SafeguardingFlag {
  const { flag } = fa;
  const { read: _read, ...abilities } = flagPolicy.abilities(actor, fa);
  return {
    id: flag.id,
    organisationId: flag.organisation_id,
    groupId: flag.group_id,
    groupName: flag.group_id ? (d.groups.get(flag.group_id) ?? null) : null,
    loopId: flag.loop_id,
    reason: flag.reason,
    note: flag.note,
    status: flag.status,
    flaggedBy: flag.flagged_by ? presentPerson(d.cards.get(flag.flagged_by)) : null,
    flaggedAt: flag.created_at,
    updatedAt: flag.updated_at,
    mine: flag.flagged_by === actor.userId,
    abilities,
  };
}

/** A flag in a list: without its note (read by opening the flag, which is audited). */
export function presentFlagSummary(actor: Actor, fa: FlagAccess, d: FlagContext): SafeguardingFlagSummary {
  const { note: _note, ...summary } = presentFlag(actor, fa, d);
  return summary;
}

export function presentStep(step: SafeguardingStepRow, cards: Map<string, Card>): SafeguardingStep {
  return { id: step.id, status: step.status, note: step.note, by: step.actor_id ? presentPerson(cards.get(step.actor_id)) : null, at: step.created_at };
}

export const flagAttachmentUrl = (flag: SafeguardingFlagRow, attachmentId: string) => `/api/v1/safeguarding-flags/${flag.id}/attachments/${attachmentId}`;

/** The flagged loop and its thread as the viewer may see them, with its files served through the flag. */
export function presentFlaggedLoop(
  actor: Actor,
  flag: SafeguardingFlagRow,
  la: LoopAccess,
  details: LoopDetails,
  thread: { comments: CommentRow[]; reads: { user_id: string; read_at: string }[]; cards: Map<string, Card> },
): { loop: Loop; thread: Thread } {
  const loop = presentLoop(actor, la, details);
  return {
    loop: { ...loop, attachments: (details.attachments.get(la.loop.id) ?? []).map((a) => presentAttachmentAt(flagAttachmentUrl(flag, a.id), a)) },
    thread: presentThread(actor, la, thread.comments, thread.reads, thread.cards),
  };
}

