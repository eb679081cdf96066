/** A group at a glance: what it is, my role in it, how long its data is kept and why, the next step, and leaving it. */
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowRight, DoorOpen } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { leaveGroup } from "../api/groups.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { LeaderTasksSection, SendLoopSection } from "../components/TaskOverview.js";
import { PostsSection } from "../components/PostsSection.js";
import { Feedback } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { groupsKey } from "../lib/queryClient.js";
import { roleTitle } from "../lib/roles.js";
import { useFeedback } from "../lib/useFeedback.js";
import type { HomeState } from "./HomePage.js";
import { useGroup } from "./GroupLayout.js";
import { useSectionTitle } from "../lib/hooks.js";
import { RetentionSummary } from "../components/RetentionFields.js";

export function GroupOverviewPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("groupPage.sections.overview"), group.name);
  const language = currentLanguage();
  const leaders = group.roleTitles.leader[language];
  const senders = group.roleTitles.sender[language];
  // How the group works, told from where the person stands in it.
  const how =
    group.type === "flat"
      ? t("groupPage.how.flat")
      : group.myRole === "sender"
        ? t("groupPage.how.sender", { leader: leaders })
        : t("groupPage.how.leader", { sender: senders });
  return (
    <div className="section-grid">
      {group.abilities.sendLoop && group.active ? <SendLoopSection group={group} /> : null}
      {group.abilities.manageTasks ? <LeaderTasksSection group={group} /> : null}
      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title">{t("groupPage.aboutTitle")}</h2>
        <dl className="summary-list">
          <dt>{t("groupPage.myRole")}</dt>
          <dd>
            <span className="badge">{roleTitle(t, group, group.myRole, language)}</span>
            {group.isOwner ? <span className="badge badge-quiet">{t("groups.owner")}</span> : null}
          </dd>
          <dt>{t("groupForm.descriptionShort")}</dt>
          <dd className="preserve-lines">{group.description.trim() || t("groupForm.noDescription")}</dd>
          <dt>{t("groupForm.type")}</dt>
          <dd>{t(`groupForm.types.${group.type}`)}</dd>
        </dl>
        <p>{how}</p>
      </section>
      {group.abilities.readPosts ? <PostsSection group={group} /> : null}
      <section className="card" aria-labelledby="retention-title">
        <h2 id="retention-title">{t("retention.overviewTitle")}</h2>
        <RetentionSummary retention={group.retention} />
        {group.abilities.readRetentionQueue ? (
          <p>
            <Link to={`/groups/${group.id}/retention`}>{t("retention.queueLink")}</Link>
          </p>
        ) : null}
      </section>
      {group.abilities.invite && group.active ? (
        <section className="card" aria-labelledby="next-step-title">
          <h2 id="next-step-title">{t("groupPage.inviteTitle")}</h2>
          <p>{t("groupPage.inviteBody", { sender: senders })}</p>
          <div>
            <Link className="button button-primary" to={`/groups/${group.id}/invite`}>
              {t("groupPage.inviteAction")}
              <ArrowRight size={18} aria-hidden="true" />
            </Link>
          </div>
        </section>
      ) : null}
      {group.abilities.leave ? <LeaveSection group={group} /> : null}
    </div>
  );
}

function LeaveSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  return (
    <section className="card" aria-labelledby="leave-title">
      <h2 id="leave-title">{t("leave.title")}</h2>
      {group.isOwner ? (
        // The owner hands the group over first (the server answers owner_must_transfer otherwise).
        <>
          <p>{t("leave.owner")}</p>
          {group.abilities.transfer ? (
            <p>
              <Link to={`/groups/${group.id}/settings`}>{t("leave.toSettings")}</Link>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>{t("leave.body")}</p>
          <div>
            <ConfirmDialog
              triggerClassName="button button-danger"
              trigger={
                <>
                  <DoorOpen size={18} aria-hidden="true" />
                  {t("leave.button")}
                </>
              }
              title={t("leave.dialogTitle", { group: group.name })}
              body={<p>{t("leave.dialogBody")}</p>}
              confirmLabel={t("leave.confirm")}
              cancelLabel={t("dialog.cancel")}
              tone="danger"
              onConfirm={() =>
                feedback.run(async () => {
                  await leaveGroup(group.id);
                  // The group's own cached copy is left to expire: removing it while this page
                  // is still mounted would fetch it again, and be refused.
                  await queryClient.invalidateQueries({ queryKey: groupsKey, exact: true });
                  await navigate("/", { state: { left: group.name } satisfies HomeState });
                })
              }
            />
          </div>
          <Feedback feedback={feedback.state} />
        </>
      )}
    </section>
  );
}
