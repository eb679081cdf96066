/**
 * Safeguarding in the organisation area: the flagged loops (for contacts every flag, for a leader
 * their own), filtered by status, and the safeguarding contacts — named and removed by
 * administrators, shown to everyone else who comes here.
 */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Filter, ShieldAlert, UserPlus } from "lucide-react";
import { SAFEGUARDING_STATUSES, type SafeguardingStatus } from "../../shared/schemas/safeguarding.js";
import {
  addSafeguardingContact,
  getSafeguardingContacts,
  listSafeguardingFlags,
  removeSafeguardingContact,
  safeguardingContactsKey,
  safeguardingFlagsKey,
  type SafeguardingContacts,
  type SafeguardingFlagSummary,
} from "../api/safeguarding.js";
import { SelectField } from "../components/Field.js";
import { Feedback, QueryView } from "../components/Messages.js";
import { PersonList } from "../components/PersonList.js";
import { formatLoopTime } from "../components/LoopCard.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useOrganisation, useOrganisationMembers } from "./OrganisationLayout.js";
import "../styles/safeguarding.css";

export function SafeguardingPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("safeguarding.title"), organisation.name);
  const contacts = useQuery({ queryKey: safeguardingContactsKey(organisation.id), queryFn: () => getSafeguardingContacts(organisation.id) });
  return (
    <div className="stack">
      <div className="card-header">
        <h2>{t("safeguarding.title")}</h2>
        <p className="muted">{t("safeguarding.lead")}</p>
      </div>
      <FlagList />
      <QueryView query={contacts}>{(loaded) => <ContactsSection contacts={loaded} />}</QueryView>
    </div>
  );
}

/** The flags the viewer may see, newest first, with a status filter. */
function FlagList() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  const [choice, setChoice] = useState<SafeguardingStatus | "">("");
  const [status, setStatus] = useState<SafeguardingStatus | "">("");
  const flags = useQuery({
    queryKey: safeguardingFlagsKey(organisation.id, status),
    queryFn: () => listSafeguardingFlags(organisation.id, status || undefined),
    placeholderData: keepPreviousData,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setStatus(choice);
  };
  return (
    <section className="card stack" aria-labelledby="flags-title">
      <h3 id="flags-title">{t("safeguarding.list.title")}</h3>
      <form className="row" noValidate onSubmit={apply} aria-label={t("safeguarding.list.filter")}>
        <SelectField
          id="flag-status"
          label={t("safeguarding.list.filter")}
          value={choice}
          onChange={(event) => setChoice(event.target.value as SafeguardingStatus | "")}
          options={[{ value: "", label: t("safeguarding.list.all") }, ...SAFEGUARDING_STATUSES.map((value) => ({ value, label: t(`safeguarding.statuses.${value}`) }))]}
        />
        <div>
          <button type="submit" className="button">
            <Filter size={18} aria-hidden="true" />
            {t("safeguarding.list.apply")}
          </button>
        </div>
      </form>
      <QueryView query={flags}>
        {(page) => (
          <>
            {page.isContact ? null : <p className="muted">{t("safeguarding.list.mineOnly")}</p>}
            {page.flags.length === 0 ? (
              <p className="muted">{page.isContact ? t("safeguarding.list.emptyContact") : t("safeguarding.list.emptyMine")}</p>
            ) : (
              <ul className="item-list" aria-labelledby="flags-title">
                {page.flags.map((flag) => (
                  <FlagItem key={flag.id} flag={flag} />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function FlagItem({ flag }: { flag: SafeguardingFlagSummary }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const reason = t(`safeguarding.reasons.${flag.reason}`);
  const time = formatLoopTime(flag.flaggedAt, language);
  return (
    <li className="item">
      <ShieldAlert size={20} aria-hidden="true" />
      <div className="item-body">
        <p className="item-title">
          <Link to={`/organisations/${flag.organisationId}/safeguarding/${flag.id}`}>
            {flag.groupName ? t("safeguarding.list.item", { reason, group: flag.groupName }) : t("safeguarding.list.itemNoGroup", { reason })}
          </Link>
        </p>
        <p className="muted small">
          {flag.flaggedBy ? t("safeguarding.list.by", { name: flag.flaggedBy.name, time }) : t("safeguarding.list.byUnknown", { time })}
        </p>
      </div>
      <span className={`badge badge-safeguarding-${flag.status}`}>{t(`safeguarding.statuses.${flag.status}`)}</span>
    </li>
  );
}

/** Who the contacts are; administrators add and remove them. */
function ContactsSection({ contacts }: { contacts: SafeguardingContacts }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="contacts-title">
      <div className="card-header">
        <h3 id="contacts-title">{t("safeguarding.contacts.title")}</h3>
        <p className="muted">{t("safeguarding.contacts.lead")}</p>
      </div>
      {contacts.abilities.manage ? (
        <ManageContacts contacts={contacts} />
      ) : contacts.contacts.length === 0 ? (
        <p className="muted">{t("safeguarding.contacts.none")}</p>
      ) : (
        <>
          <p>{t("safeguarding.contacts.readOnly")}</p>
          <ul className="item-list">
            {contacts.contacts.map((c) => (
              <li key={c.person.id} className="item">
                <p className="item-title">{c.person.name}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ManageContacts({ contacts }: { contacts: SafeguardingContacts }) {
  const { t } = useTranslation();
  const { organisation, user } = useOrganisation();
  const queryClient = useQueryClient();
  const members = useOrganisationMembers(organisation);
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const feedback = useFeedback();
  const contactIds = new Set(contacts.contacts.map((c) => c.person.id));
  const refresh = () => queryClient.invalidateQueries({ queryKey: safeguardingContactsKey(organisation.id) });
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !chosen) return;
    const name = members.data?.find((m) => m.userId === chosen)?.name ?? "";
    setBusy(true);
    void feedback
      .run(async () => {
        queryClient.setQueryData(safeguardingContactsKey(organisation.id), await addSafeguardingContact(organisation.id, chosen));
        setChosen("");
        feedback.succeed("safeguarding.contacts.added", { name });
      })
      .finally(() => setBusy(false));
  };
  return (
    <QueryView query={members}>
      {(list) => (
        <>
          <PersonList
            id="contacts-list-title"
            texts="safeguarding.contacts"
            people={list.filter((m) => contactIds.has(m.userId))}
            meId={user.id}
            onRemove={async (person) => {
              await removeSafeguardingContact(organisation.id, person.userId);
              await refresh();
            }}
          />
          <form className="form" noValidate onSubmit={add} aria-labelledby="contact-add-title">
            <h4 id="contact-add-title">{t("safeguarding.contacts.add")}</h4>
            <SelectField
              id="contact-person"
              label={t("safeguarding.contacts.person")}
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
              options={[
                { value: "", label: t("safeguarding.contacts.choose") },
                ...list.filter((m) => !contactIds.has(m.userId)).map((m) => ({ value: m.userId, label: m.name })),
              ]}
            />
            <div className="form-actions">
              <button type="submit" className={busy ? "button button-primary is-busy" : "button button-primary"} aria-disabled={busy || !chosen || undefined}>
                <UserPlus size={18} aria-hidden="true" />
                {t("safeguarding.contacts.addButton")}
              </button>
            </div>
            <Feedback feedback={feedback.state} />
          </form>
        </>
      )}
    </QueryView>
  );
}
