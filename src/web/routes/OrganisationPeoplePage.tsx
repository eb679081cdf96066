/**
 * Who runs the organisation: its administrators, its group creators (with their pending
 * invitations) and the invitation code that makes people group creators.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Organisation } from "../../shared/schemas/organisations.js";
import type { JoinCode } from "../api/groups.js";
import {
  addAdmin,
  addGroupCreator,
  getInviteCode,
  listOrganisationInvitations,
  removeAdmin,
  removeGroupCreator,
  rotateInviteCode,
  updateInviteCode,
  withdrawOrganisationInvitation,
  type OrganisationMember,
} from "../api/organisations.js";
import { EmailForm, PendingInvitations } from "../components/Invitations.js";
import { JoinCodePanel } from "../components/JoinCodePanel.js";
import { QueryView } from "../components/Messages.js";
import { PersonList } from "../components/PersonList.js";
import { inviteCodeKey, organisationInvitationsKey, organisationKey, organisationMembersKey } from "../lib/queryClient.js";
import { roleName } from "../lib/roles.js";
import type { StatusMessage } from "../lib/useFeedback.js";
import { useOrganisation, useOrganisationMembers } from "./OrganisationLayout.js";
import { useSectionTitle } from "../lib/hooks.js";

/** Refreshes what a change of roles affects, my own abilities included. */
function useRolesChanged(organisationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: organisationMembersKey(organisationId) }),
      queryClient.invalidateQueries({ queryKey: organisationInvitationsKey(organisationId) }),
      queryClient.invalidateQueries({ queryKey: organisationKey(organisationId), exact: true }),
    ]);
}

export function OrganisationPeoplePage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("organisationPage.sections.people"), organisation.name);
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: organisationInvitationsKey(organisation.id),
    queryFn: () => listOrganisationInvitations(organisation.id),
    enabled: organisation.abilities.manageGroupCreators,
  });
  return (
    <div className="section-grid">
      {organisation.abilities.manageAdmins ? (
        <RoleSection
          id="admins"
          texts="people.admins"
          holds={(member) => member.admin}
          remove={(userId) => removeAdmin(organisation.id, userId)}
          add={async (email) => {
            await addAdmin(organisation.id, email);
            return { key: "people.admins.added", values: { email } };
          }}
        />
      ) : null}
      {organisation.abilities.manageGroupCreators ? (
        <RoleSection
          id="creators"
          texts="people.creators"
          holds={(member) => member.groupCreator}
          remove={(userId) => removeGroupCreator(organisation.id, userId)}
          add={async (email) => {
            const outcome = await addGroupCreator(organisation.id, email);
            return outcome === "granted"
              ? { key: "people.creators.granted", values: { email } }
              : { key: "people.creators.invited", values: { email }, tone: "info" };
          }}
        >
          <QueryView query={invitations}>
            {(list) => (
              <PendingInvitations
                id="creator-invitations-title"
                invitations={list}
                roleLabel={(role) => roleName(t, role)}
                onWithdraw={async (invitation) => {
                  await withdrawOrganisationInvitation(organisation.id, invitation.id);
                  await queryClient.invalidateQueries({ queryKey: organisationInvitationsKey(organisation.id) });
                }}
              />
            )}
          </QueryView>
        </RoleSection>
      ) : null}
      {organisation.abilities.manageGroupCreators ? <InviteCodeSection organisation={organisation} /> : null}
    </div>
  );
}

/**
 * One organisation role (administrator or group creator): who holds it, each removable, and a
 * form to give it by e-mail. Texts come from the keys under `texts`.
 */
function RoleSection(props: {
  id: string;
  texts: "people.admins" | "people.creators";
  holds: (member: OrganisationMember) => boolean;
  remove: (userId: string) => Promise<unknown>;
  add: (email: string) => Promise<StatusMessage>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { organisation, user } = useOrganisation();
  const members = useOrganisationMembers(organisation);
  const changed = useRolesChanged(organisation.id);
  const { id, texts } = props;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{t(`${texts}.title`)}</h2>
        <p className="muted">{t(`${texts}.lead`)}</p>
      </div>
      <QueryView query={members}>
        {(list) => (
          <PersonList
            id={`${id}-list-title`}
            texts={texts}
            people={list.filter(props.holds)}
            meId={user.id}
            onRemove={async (person) => {
              await props.remove(person.userId);
              await changed();
            }}
          />
        )}
      </QueryView>
      <h3>{t(`${texts}.addTitle`)}</h3>
      <EmailForm
        id={`${id}-email`}
        label={t("people.email")}
        hint={t(`${texts}.addHint`)}
        submitLabel={t(`${texts}.add`)}
        onSubmit={async (email) => {
          const message = await props.add(email);
          await changed();
          return message;
        }}
      />
      {props.children}
    </section>
  );
}

function InviteCodeSection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const code = useQuery({ queryKey: inviteCodeKey(organisation.id), queryFn: () => getInviteCode(organisation.id) });
  const store = (updated: JoinCode) => queryClient.setQueryData(inviteCodeKey(organisation.id), updated);
  return (
    <QueryView query={code}>
      {(loaded) => (
        <JoinCodePanel
          id="creator-code"
          title={t("people.code.title")}
          description={t("people.code.lead", { organisation: organisation.name })}
          code={loaded}
          onRotate={async () => store(await rotateInviteCode(organisation.id))}
          onUpdate={async (change) => store(await updateInviteCode(organisation.id, change))}
        />
      )}
    </QueryView>
  );
}
