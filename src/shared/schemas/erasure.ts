/** Erasure — "delete my account" (issue 7): requests and answers as the API presents them (server and web app). */
import { z } from "zod";
import { Id } from "./accounts.js";

/** The typed word that confirms, in each language of the app (the API needs only `confirm: true`). */
export const CONFIRM_WORD = { en: "delete", sv: "radera" } as const;

export const EraseMeBody = z
  .object({
    /** The current password, re-entered; omitted after a re-authentication at the sign-in provider (within 10 minutes). */
    password: z.string().min(1).max(256).optional(),
    /** An explicit confirmation: must be true. */
    confirm: z.literal(true),
  })
  .meta({ id: "EraseMeBody" });
export type EraseMeBody = z.infer<typeof EraseMeBody>;

export const EraseMemberBody = z
  .object({
    /** An explicit confirmation: must be true. */
    confirm: z.literal(true),
  })
  .meta({ id: "EraseMemberBody" });

const Named = z.object({ id: Id, name: z.string() });

/** What erasing my account would do, and what must be handed over first. */
export const ErasurePreview = z
  .object({
    /** Groups I own: each must get another owner first. */
    groupsToHandOver: z.array(Named),
    /** Organisations whose only administrator I am: each needs another administrator first. */
    organisationsToHandOver: z.array(Named),
    /** Groups I own where nobody else is a member and nobody else sent a loop: they are deleted with me. */
    groupsDeleted: z.array(Named),
    /** Organisations only I belong to, whose groups are all such groups: deleted with me. */
    organisationsDeleted: z.array(Named),
    /** My loops (with their files and the threads under them), all erased. */
    loops: z.number().int(),
    /** My comments on other people's loops, per organisation: kept as "Deleted user" or removed (the organisation's choice). */
    comments: z.array(z.object({ organisation: Named, count: z.number().int(), kept: z.boolean() })),
  })
  .meta({ id: "ErasurePreview" });
export type ErasurePreview = z.infer<typeof ErasurePreview>;

export const MemberErasure = z
  .object({
    /** account: the whole account was erased (they belonged nowhere else); organisation: only this organisation's data of theirs. */
    erased: z.enum(["account", "organisation"]),
  })
  .meta({ id: "MemberErasure" });
export type MemberErasure = z.infer<typeof MemberErasure>;
