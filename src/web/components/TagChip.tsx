/**
 * A tag as members see it: its name on the tag's colour (a palette name mapped in tasks.css to
 * a text/background pair that passes WCAG AA in both themes), and the colour picker.
 * The name is always shown, so colour is never the only cue.
 */
import { useTranslation } from "react-i18next";
import { TAG_COLOURS } from "../../shared/schemas/tasks.js";
import type { Tag } from "../api/tasks.js";

export type TagColourName = (typeof TAG_COLOURS)[number];

export function TagChip({ tag }: { tag: Pick<Tag, "name" | "colour"> }) {
  return <span className={`tag-chip tag-colour-${tag.colour ?? "none"}`}>{tag.name}</span>;
}

/** The palette as radio buttons, each a swatch with the colour's name; "no colour" first. */
export function TagColourPicker({ name, legend, value, onChange }: {
  name: string;
  legend: string;
  value: TagColourName | null;
  onChange: (colour: TagColourName | null) => void;
}) {
  const { t } = useTranslation();
  const choices: Array<TagColourName | null> = [null, ...TAG_COLOURS];
  return (
    <fieldset className="fieldset">
      <legend className="fieldset-legend">{legend}</legend>
      <div className="tag-colour-choices">
        {choices.map((colour) => (
          <label key={colour ?? "none"} className="choice tag-colour-choice">
            <input type="radio" name={name} value={colour ?? ""} checked={value === colour} onChange={() => onChange(colour)} />
            <span className={`tag-swatch tag-colour-${colour ?? "none"}`} aria-hidden="true" />
            {t(`tagPages.colours.${colour ?? "none"}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
