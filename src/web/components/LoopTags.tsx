/** A loop's tags: chosen as toggle buttons in the composer and the editor, shown as chips elsewhere. */
import { useTranslation } from "react-i18next";
import { ToggleButton } from "react-aria-components";
import { Check } from "lucide-react";
import type { z } from "zod";
import type { TagColour } from "../../shared/schemas/tasks.js";
import { TagChip } from "./TagChip.js";

export interface TagChoice {
  id: string;
  name: string;
  colour: z.infer<typeof TagColour> | null;
}

/** A small dot of the tag's palette colour; the name always says what the tag is. */
function TagDot({ colour }: { colour: TagChoice["colour"] }) {
  return <span className={`loop-tag-dot tag-colour-${colour ?? "none"}`} aria-hidden="true" />;
}

/** The group's tags as toggle buttons (aria-pressed); pressed ones carry a check mark, not only a colour. */
export function LoopTagPicker(props: {
  id: string;
  tags: readonly TagChoice[];
  selected: readonly string[];
  onChange: (tagIds: string[]) => void;
  legend?: string;
}) {
  const { t } = useTranslation();
  const { id, tags, selected, onChange } = props;
  if (tags.length === 0) return null;
  const toggle = (tagId: string, on: boolean) =>
    onChange(on ? [...selected.filter((other) => other !== tagId), tagId] : selected.filter((other) => other !== tagId));
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-hint`}>
      <legend className="fieldset-legend">{props.legend ?? t("loopTags.legend")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("loopTags.hint")}
      </p>
      <div className="loop-tag-options" id={id}>
        {tags.map((tag) => {
          const on = selected.includes(tag.id);
          return (
            <ToggleButton key={tag.id} className="loop-tag-toggle" isSelected={on} onChange={(next) => toggle(tag.id, next)}>
              {on ? <Check size={16} aria-hidden="true" /> : <TagDot colour={tag.colour} />}
              {tag.name}
            </ToggleButton>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The tags a loop carries, as a list of chips. */
export function LoopTagList({ tags }: { tags: readonly TagChoice[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="loop-tag-list" aria-label={t("loopTags.listLabel")}>
      {tags.map((tag) => (
        <li key={tag.id}>
          <TagChip tag={tag} />
        </li>
      ))}
    </ul>
  );
}
