/** An organisation's name and type, for creating one and for its settings. */
import { useTranslation } from "react-i18next";
import { ORGANISATION_TYPES, type Organisation } from "../../shared/schemas/organisations.js";
import type { FieldAliases } from "../lib/formErrors.js";
import { ChoiceGroup, Field, type FieldProps } from "./Field.js";

export type OrganisationType = Organisation["type"];

/** The API's "name" is the organisation's: its messages must not speak of the person's own name. */
export const ORGANISATION_ALIASES: FieldAliases = { name: "orgName" };

export function OrganisationFields(props: {
  id: string;
  name: Pick<FieldProps, "name" | "value" | "onChange" | "error">;
  type: OrganisationType;
  onType: (type: OrganisationType) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={props.id} label={t("organisation.name")} hint={t("organisation.nameHint")} autoComplete="organization" {...props.name} />
      <ChoiceGroup
        name={`${props.id}-type`}
        legend={t("organisation.type")}
        value={props.type}
        onChange={props.onType}
        choices={ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`organisation.types.${type}`) }))}
      />
    </>
  );
}
