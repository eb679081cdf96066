/**
 * An organisation administrator's "Erase this member's data" (issue 7), confirmed in a dialog
 * that says what goes and what stays. The outcome (or a refusal such as "hand the group over
 * first") goes to the page's feedback: an erased member leaves the list, with this button.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { UserX } from "lucide-react";
import { eraseMember } from "../api/erasure.js";
import { organisationMembersKey } from "../lib/queryClient.js";
import type { useFeedback } from "../lib/useFeedback.js";
import { ConfirmDialog } from "./ConfirmDialog.js";

export function MemberErasure({ orgId, userId, name, feedback }: { orgId: string; userId: string; name: string; feedback: ReturnType<typeof useFeedback> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <p>
        <ConfirmDialog
          triggerClassName="button button-quiet"
          trigger={
            <>
              <UserX size={18} aria-hidden="true" />
              {t("erasure.member.action", { name })}
            </>
          }
          title={t("erasure.member.title", { name })}
          body={<p>{t("erasure.member.body")}</p>}
          confirmLabel={t("erasure.member.confirm")}
          cancelLabel={t("erasure.member.cancel")}
          tone="danger"
          onConfirm={() =>
            feedback.run(async () => {
              const { erased } = await eraseMember(orgId, userId);
              feedback.succeed(erased === "account" ? "erasure.member.doneAccount" : "erasure.member.doneOrganisation", { name });
              await queryClient.invalidateQueries({ queryKey: organisationMembersKey(orgId) });
            })
          }
        />
    </p>
  );
}
