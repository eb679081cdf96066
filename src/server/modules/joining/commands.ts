/** Commands on join codes: rotate one, switch it on/off or set its expiry — each audited. */
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { JoinCodePurpose, JoinCodeRow } from "../../db/types.js";
import { notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { createJoinCode, findJoinCode, updateJoinCode } from "./codes.js";

interface CodeTarget extends CommandBase {
  actor: Actor;
  organisationId: string;
  groupId: string | null;
  purpose: JoinCodePurpose;
}

const subject = (t: CodeTarget) => ({ subjectType: t.groupId ? "group" : "organisation", subjectId: t.groupId ?? t.organisationId });

/** Replaces a code with a new one (the old stops working at once); creates it if missing. */
export async function rotateJoinCode(t: CodeTarget): Promise<JoinCodeRow> {
  const now = t.ctx.clock();
  return t.ctx.db.transaction().execute(async (tx) => {
    const row = await createJoinCode(tx, { organisationId: t.organisationId, groupId: t.groupId, purpose: t.purpose, now: now.toISOString() });
    await recordAudit(tx, { ip: t.ip, action: "join_code.rotated", actorId: t.actor.userId, organisationId: t.organisationId, ...subject(t), data: { purpose: t.purpose }, at: now });
    return row;
  });
}

/** Switches a code on or off and/or sets its expiry. A missing leader code is created first. */
export async function changeJoinCode(t: CodeTarget & { enabled?: boolean | undefined; expiresAt?: string | null | undefined }): Promise<JoinCodeRow> {
  const now = t.ctx.clock();
  return t.ctx.db.transaction().execute(async (tx) => {
    let row = await findJoinCode(tx, t);
    if (!row) {
      if (t.purpose === "group_creator") throw notFound();
      row = await createJoinCode(tx, { organisationId: t.organisationId, groupId: t.groupId, purpose: t.purpose, now: now.toISOString(), enabled: false });
    }
    const updated = await updateJoinCode(tx, row, { enabled: t.enabled, expiresAt: t.expiresAt });
    await recordAudit(tx, {
      ip: t.ip, action: "join_code.updated", actorId: t.actor.userId, organisationId: t.organisationId, ...subject(t),
      data: { purpose: t.purpose, enabled: updated.is_enabled, expiresAt: updated.expires_at }, at: now,
    });
    return updated;
  });
}
