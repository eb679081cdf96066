/** People holding an organisation role (administrators, group creators), each removable. */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { OrganisationMember } from "../api/organisations.js";
import { useFeedback } from "../lib/useFeedback.js";
import { RemovePersonButton } from "./ConfirmDialog.js";
import { Feedback } from "./Messages.js";

export interface PersonListProps {
  id: string;
  people: readonly OrganisationMember[];
  meId: string;
  /**
   * Prefix of the list's translation keys: listTitle, none, and for removing removeLabel,
   * dialogTitle, dialogBody, confirm and removed (each of these gets {{name}}).
   */
  texts: string;
  onRemove: (person: OrganisationMember) => Promise<unknown>;
}

export function PersonList({ id, people, meId, texts, onRemove }: PersonListProps) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <div className="stack">
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t(`${texts}.listTitle`)}
      </h3>
      {people.length === 0 ? <p className="muted">{t(`${texts}.none`)}</p> : null}
      <ul className="item-list" aria-labelledby={id}>
        {people.map((person) => {
          const name = person.userId === meId ? t("people.you", { name: person.name }) : person.name;
          return (
            <li key={person.userId} className="item">
              <div className="item-body">
                <p className="item-title">{name}</p>
                <p className="muted small">{person.email}</p>
              </div>
              <RemovePersonButton
                label={t(`${texts}.removeLabel`, { name: person.name })}
                title={t(`${texts}.dialogTitle`, { name: person.name })}
                body={t(`${texts}.dialogBody`, { name: person.name })}
                confirmLabel={t(`${texts}.confirm`)}
                onConfirm={() =>
                  feedback.run(async () => {
                    await onRemove(person);
                    feedback.succeed(`${texts}.removed`, { name: person.name });
                    heading.current?.focus();
                  })
                }
              />
            </li>
          );
        })}
      </ul>
      <Feedback feedback={feedback.state} />
    </div>
  );
}
