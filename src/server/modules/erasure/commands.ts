/**
 * Erasure (issue 7, "delete my account"; design.md §7.9, §7.14). One orchestration for both doors:
 * a person erasing their own account, and an organisation's administrator erasing a member's data
 * in their organisation (the whole account when the member belongs nowhere else). Each module
 * erases its own part (`<module>/erasure.ts`); this module only decides the order and the scope.
 *
 * Order and crash safety: exports that hold the person's data go first (their own small
 * transaction, files after it). Then one transaction erases everything else and queues the files
 * it orphaned (`storage/pending-deletions.ts`); files are deleted only after the commit, then their
 * queue rows. A crash before the commit leaves the person as they were (a
 * re-run does it all again); a crash after leaves only pending keys, which the sweep job deletes.
 */
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import { deleteQueuedBlobs, queueBlobDeletions } from "../../storage/pending-deletions.js";
import { confirmItIsThem } from "../../auth/reauthentication.js";
import type { DbOrTx } from "../../db/index.js";
import type { UserRow } from "../../db/types.js";
import { badRequest, conflict } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { deleteAccount } from "../accounts/erasure.js";
import { eraseCommentsOf, organisationsCommentedIn } from "../comments/erasure.js";
import { deleteExportsOf } from "../data-exports/commands.js";
import { deleteGroups, groupIdsIn, groupIdsOf, groupsOwnedBy, inGroupsOutside, removeFromGroupsIn } from "../groups/erasure.js";
import { findGroup } from "../groups/queries.js";
import { forgetPendingSignInsFor } from "../identities/erasure.js";
import { deleteInvitationsTo } from "../joining/erasure.js";
import { eraseLoopsOf, groupsSentInBy, groupsWithLoopsOfOthers } from "../loops/erasure.js";
import { closeEventStreamsOf } from "../loops/live.js";
import { eraseNotificationsBy, eraseNotificationsIn } from "../notifications/erasure.js";
import {
  deleteOrganisations,
  memberElsewhere,
  organisationsOnlyAdministeredBy,
  organisationsRemovingErasedComments,
  othersInOrganisation,
  removeFromOrganisation,
} from "../organisations/erasure.js";
import { listMyOrganisations } from "../organisations/queries.js";
import { erasePostViewsIn, postBlobKeysIn } from "../posts/erasure.js";
import { forgetInMailings } from "../privacy-policy/erasure.js";
import { forgetSafeguardingPerson } from "../safeguarding/personal-data.js";
import { eraseSurveyAnswersOf } from "../surveys/erasure.js";
import type { ErasureScope } from "./scope.js";

/**
 * What must be handed over before the erasure (a group keeps an owner, an organisation an
 * administrator), and what goes with the person instead: a group they own where nobody else is a
 * member and nobody else sent a loop, and an organisation they alone belong to whose groups are
 * all such groups — there is no one to hand them to and nobody else's data in them.
 */
export async function handOversNeeded(db: DbOrTx, scope: ErasureScope) {
  const owned = await groupsOwnedBy(db, scope.userId, scope.organisationId);
  const othersLoops = await groupsWithLoopsOfOthers(db, owned.map((g) => g.id), scope.userId);
  const lonely = new Set(owned.filter((g) => !g.hasOthers && !othersLoops.has(g.id)).map((g) => g.id));
  const organisations: { id: string; name: string }[] = [];
  const organisationsDeleted: { id: string; name: string }[] = [];
  for (const o of await organisationsOnlyAdministeredBy(db, scope.userId, scope.organisationId)) {
    const alone = !(await othersInOrganisation(db, o.id, scope.userId)) && (await groupIdsIn(db, o.id)).every((id) => lonely.has(id));
    (alone ? organisationsDeleted : organisations).push({ id: o.id, name: o.name });
  }
  const goneWithOrganisation = new Set(organisationsDeleted.map((o) => o.id));
  const named = (g: (typeof owned)[number]) => ({ id: g.id, name: g.name });
  return {
    groups: owned.filter((g) => !lonely.has(g.id)).map(named),
    organisations,
    groupsDeleted: owned.filter((g) => lonely.has(g.id) && !goneWithOrganisation.has(g.organisation_id)).map(named),
    organisationsDeleted,
    /** Every group that goes (also those inside a deleted organisation): their posts' files go after the commit. */
    allGroupsDeleted: owned.filter((g) => lonely.has(g.id)).map((g) => g.id),
  };
}

/** 409 naming what to hand over first; otherwise the groups and organisations that go with the person. */
async function assertNothingToHandOver(db: DbOrTx, scope: ErasureScope) {
  const plan = await handOversNeeded(db, scope);
  const { groups, organisations } = plan;
  if (groups.length > 0) {
    throw conflict("owner_must_transfer", `Hand these groups over to another leader first: ${groups.map((g) => g.name).join(", ")}.`, { groups: groups.map((g) => g.id).join(",") });
  }
  if (organisations.length > 0) {
    throw conflict("last_admin", `Make someone else an administrator of these organisations first: ${organisations.map((o) => o.name).join(", ")}.`, {
      organisations: organisations.map((o) => o.id).join(","),
    });
  }
  return plan;
}

export interface ErasureCounts {
  loops: number;
  commentsKept: number;
  commentsRemoved: number;
  answersDeleted: number;
  answersDetached: number;
}

interface EraseInput extends CommandBase {
  user: Pick<UserRow, "id" | "email_normalized">;
  scope: ErasureScope;
  /** Writes the erasure's audit event inside its transaction. */
  audit: (tx: DbOrTx, counts: ErasureCounts, at: Date) => Promise<void>;
}

/** Erases the person within the scope (everywhere: the account too). Throws 409 when something must be handed over first. */
async function erase({ ctx, user, scope, audit }: EraseInput): Promise<ErasureCounts> {
  await assertNothingToHandOver(ctx.db, scope);
  // Exports holding the person's data: theirs, of them, and of the groups they were in or sent in.
  const groups = new Set([...(await groupIdsOf(ctx.db, user.id, scope.organisationId)), ...(await groupsSentInBy(ctx.db, scope))]);
  await deleteExportsOf(ctx, { userId: user.id });
  for (const groupId of groups) await deleteExportsOf(ctx, { groupId });

  const now = ctx.clock();
  const at = now.toISOString();
  const { counts, blobKeys } = await ctx.db.transaction().execute(async (tx) => {
    // Again inside the transaction: a hand-over may have been undone meanwhile, someone may have joined.
    const plan = await assertNothingToHandOver(tx, scope);
    const loops = await eraseLoopsOf(tx, scope);
    const removeIn = await organisationsRemovingErasedComments(tx, await organisationsCommentedIn(tx, scope));
    const comments = await eraseCommentsOf(tx, scope, removeIn, at);
    const answers = await eraseSurveyAnswersOf(tx, scope, now);
    await eraseNotificationsBy(tx, user.id, scope.organisationId);
    const blobKeys = [...loops.blobKeys, ...(await postBlobKeysIn(tx, plan.allGroupsDeleted))];
    const counts: ErasureCounts = {
      loops: loops.loops,
      commentsKept: comments.kept,
      commentsRemoved: comments.removed,
      answersDeleted: answers.deleted,
      answersDetached: answers.detached,
    };
    // Before the account goes, so the events carry the person's pseudonym like their earlier rows.
    await audit(tx, counts, now);
    for (const g of plan.groupsDeleted) {
      const organisationId = (await findGroup(tx, g.id))?.organisation_id ?? null;
      await recordAudit(tx, { action: "group.deleted_with_owner", actorId: user.id, organisationId, subjectType: "group", subjectId: g.id, at: now });
    }
    for (const o of plan.organisationsDeleted) {
      await recordAudit(tx, { action: "organisation.deleted_with_owner", actorId: user.id, organisationId: o.id, subjectType: "organisation", subjectId: o.id, at: now });
    }
    await deleteOrganisations(tx, plan.organisationsDeleted.map((o) => o.id));
    await deleteGroups(tx, plan.groupsDeleted.map((g) => g.id));
    if (scope.organisationId) {
      const org = scope.organisationId;
      await eraseNotificationsIn(tx, user.id, org);
      await erasePostViewsIn(tx, user.id, org);
      await removeFromGroupsIn(tx, user.id, org);
      await removeFromOrganisation(tx, user.id, org);
      await deleteInvitationsTo(tx, user.email_normalized, org);
    } else {
      await forgetInMailings(tx, user.id);
      // Flags and steps stay (the school's record), without the person; the foreign keys would do the same.
      await forgetSafeguardingPerson(tx, user.id);
      await deleteInvitationsTo(tx, user.email_normalized, null);
      await forgetPendingSignInsFor(tx, user.email_normalized);
      // Sessions, tokens, memberships, feed, preferences, acceptances, settings go with the row.
      const { pictureKey } = await deleteAccount(tx, user.id);
      if (pictureKey) blobKeys.push(pictureKey);
    }
    await queueBlobDeletions(tx, blobKeys, now);
    return { counts, blobKeys };
  });
  // Committed: only now may the files go.
  await deleteQueuedBlobs(ctx, blobKeys);
  if (!scope.organisationId) closeEventStreamsOf(ctx, user.id);
  return counts;
}

export interface EraseMyAccountInput extends CommandBase {
  actor: Actor;
  user: UserRow;
  /** The re-entered password; undefined when the session re-authenticated at the provider moments ago. */
  password: string | undefined;
}

/**
 * Erases the signed-in person's account after checking their password (or a fresh re-authentication at the provider) (counted by the sign-in
 * limit of the account: a stolen session cannot guess it). Every session ends with the account.
 */
export async function eraseMyAccount({ ctx, ip, actor, user, password }: EraseMyAccountInput): Promise<ErasureCounts> {
  if (!(await confirmItIsThem(ctx, { sessionId: actor.sessionId, user }, password, "password"))) {
    await recordAudit(ctx.db, { ip, action: "user.erasure_refused", actorId: actor.userId, subjectType: "user", subjectId: user.id, outcome: "failure", at: ctx.clock() });
    throw badRequest("wrong_password", "The password is wrong.", { password: "wrong_password" });
  }
  // Each organisation the person belonged to sees it in its log, under the person's pseudonym
  // (resolved to no one once the account is gone, §7.14).
  const organisations = (await listMyOrganisations(ctx.db, user.id)).map((o) => o.org.id);
  return erase({
    ctx,
    ip,
    user,
    scope: { userId: user.id, organisationId: null },
    // Counts span organisations: none in an organisation's row (it would tell of the others).
    audit: async (tx, _counts, at) => {
      for (const organisationId of organisations.length > 0 ? organisations : [null]) {
        await recordAudit(tx, { ip, action: "user.erased", actorId: user.id, organisationId, subjectType: "user", subjectId: user.id, at });
      }
    },
  });
}

export interface EraseMemberInput extends CommandBase {
  actor: Actor;
  organisationId: string;
  member: Pick<UserRow, "id" | "email_normalized">;
}

/**
 * An administrator erases a member's data in their organisation: the member's loops, comments
 * (per the organisation's setting), survey answers, feed and memberships there. When the member
 * belongs to no other organisation or group, the whole account is erased. Audited in the organisation.
 */
export async function eraseMember({ ctx, ip, actor, organisationId, member }: EraseMemberInput): Promise<"account" | "organisation"> {
  const elsewhere = (await memberElsewhere(ctx.db, member.id, organisationId)) || (await inGroupsOutside(ctx.db, member.id, organisationId));
  const whole = !elsewhere;
  await erase({
    ctx,
    ip,
    user: member,
    scope: { userId: member.id, organisationId: whole ? null : organisationId },
    audit: (tx, counts, at) =>
      recordAudit(tx, {
        ip,
        action: "member.erased",
        actorId: actor.userId,
        organisationId,
        subjectType: "user",
        // A pseudonym like every user id in the log: once the account is gone it resolves to no one.
        subjectId: member.id,
        data: { account: whole, ...counts },
        at,
      }),
  });
  return whole ? "account" : "organisation";
}
