/**
 * Join codes: short, typed by children from a projector, so the alphabet leaves out characters
 * that look alike (0/O, 1/I/l). One table for every purpose, so a code alone says what it opens.
 */
import { randomInt } from "node:crypto";
import type { DbOrTx } from "../../db/index.js";
import type { JoinCodePurpose, JoinCodeRow } from "../../db/types.js";

export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 31^8 ≈ 8.5·10^11 codes; with the join rate limit, guessing one is hopeless. */
export const JOIN_CODE_LENGTH = 8;

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** What people type: any case, with spaces or dashes. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** Shown in groups of four, easier to read aloud: ABCD-EFGH. */
export function formatJoinCode(code: string): string {
  return code.replace(/^(.{4})(.+)$/, "$1-$2");
}

interface Target {
  organisationId: string;
  groupId: string | null;
  purpose: JoinCodePurpose;
}

function targetQuery(db: DbOrTx, t: Target) {
  let q = db.selectFrom("join_codes").selectAll().where("organisation_id", "=", t.organisationId).where("purpose", "=", t.purpose);
  q = t.groupId === null ? q.where("group_id", "is", null) : q.where("group_id", "=", t.groupId);
  return q;
}

export function findJoinCode(db: DbOrTx, t: Target): Promise<JoinCodeRow | undefined> {
  return targetQuery(db, t).executeTakeFirst();
}

export function findJoinCodeByCode(db: DbOrTx, code: string): Promise<JoinCodeRow | undefined> {
  return db.selectFrom("join_codes").selectAll().where("code", "=", normaliseJoinCode(code)).executeTakeFirst();
}

/**
 * Creates (enabled, no expiry) or replaces the code of a target, keeping its on/off and expiry.
 * A collision among 8.5·10^11 codes is not worth a retry: the unique key refuses it and the
 * person simply rotates again.
 */
export async function createJoinCode(db: DbOrTx, t: Target & { now: string; enabled?: boolean; expiresAt?: string | null }): Promise<JoinCodeRow> {
  const existing = await findJoinCode(db, t);
  const row: JoinCodeRow = {
    code: newJoinCode(),
    organisation_id: t.organisationId,
    group_id: t.groupId,
    purpose: t.purpose,
    is_enabled: t.enabled ?? existing?.is_enabled ?? true,
    expires_at: t.expiresAt !== undefined ? t.expiresAt : (existing?.expires_at ?? null),
    created_at: t.now,
  };
  if (existing) await db.deleteFrom("join_codes").where("code", "=", existing.code).execute();
  await db.insertInto("join_codes").values(row).execute();
  return row;
}

/** Switches a code on or off and sets its expiry (null = never). */
export async function updateJoinCode(db: DbOrTx, code: JoinCodeRow, changes: { enabled?: boolean | undefined; expiresAt?: string | null | undefined }): Promise<JoinCodeRow> {
  const set = {
    ...(changes.enabled !== undefined ? { is_enabled: changes.enabled } : {}),
    ...(changes.expiresAt !== undefined ? { expires_at: changes.expiresAt } : {}),
  };
  if (Object.keys(set).length > 0) await db.updateTable("join_codes").set(set).where("code", "=", code.code).execute();
  return { ...code, ...set };
}

/** The API shape of a code, with the link that carries it. */
export function presentJoinCode(row: JoinCodeRow, publicUrl: string) {
  return {
    purpose: row.purpose,
    code: formatJoinCode(row.code),
    enabled: row.is_enabled,
    expiresAt: row.expires_at,
    joinUrl: `${publicUrl}/join/${row.code}`,
  };
}
