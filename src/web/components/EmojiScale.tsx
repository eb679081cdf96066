/**
 * The emoji scale, the product's signature: five large faces that differ in shape (brows, eyes,
 * mouth), not only in colour, each with its label in words. Chosen with one tap or the arrow keys
 * (a react-aria radio group); shown elsewhere as a face with its label.
 */
import { useTranslation } from "react-i18next";
import { Label, Radio, RadioGroup } from "react-aria-components";
import { Check } from "lucide-react";
import { EMOJI_LEVELS } from "../../shared/schemas/loops.js";
import { FieldError } from "./Field.js";

/** The mouth and eyes of each level, drawn on a 48 × 48 face. */
const FEATURES: Record<number, { mouth: string; mouthFilled?: boolean; eyes: "dots" | "arcs"; brows?: string }> = {
  1: { mouth: "M15 36 Q24 26 33 36", eyes: "dots", brows: "M12 15 L20 18 M36 15 L28 18" },
  2: { mouth: "M16 34 Q24 29 32 34", eyes: "dots" },
  3: { mouth: "M16 32 L32 32", eyes: "dots" },
  4: { mouth: "M15 29 Q24 37 33 29", eyes: "dots" },
  5: { mouth: "M13 27 Q24 43 35 27 Z", mouthFilled: true, eyes: "arcs" },
};

/** One face of the scale; decorative (its label is given in words beside it). */
export function EmojiFace({ level, size = 48 }: { level: number; size?: number }) {
  const features = FEATURES[level] ?? FEATURES[3]!;
  return (
    <svg className={`emoji-face emoji-face-${level}`} width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle className="emoji-face-skin" cx="24" cy="24" r="21.5" />
      {features.eyes === "dots" ? (
        <>
          <circle className="emoji-face-ink" cx="17" cy="21" r="2.6" />
          <circle className="emoji-face-ink" cx="31" cy="21" r="2.6" />
        </>
      ) : (
        <path className="emoji-face-line" d="M13 21 Q17 15 21 21 M27 21 Q31 15 35 21" />
      )}
      {features.brows ? <path className="emoji-face-line" d={features.brows} /> : null}
      <path className={features.mouthFilled ? "emoji-face-mouth-open" : "emoji-face-line"} d={features.mouth} />
    </svg>
  );
}

/** A face with its label in words ("Good"), for cards and the loop page. */
export function EmojiBadge({ level, size = 32, showLabel = true }: { level: number; size?: number; showLabel?: boolean }) {
  const { t } = useTranslation();
  const label = t(`emoji.levels.${level}`);
  return (
    <span className="emoji-badge" role="img" aria-label={t("emoji.aria", { label })}>
      <EmojiFace level={level} size={size} />
      {showLabel ? (
        <span className="emoji-badge-label" aria-hidden="true">
          {label}
        </span>
      ) : null}
    </span>
  );
}

/** The five faces as one radio group: tap one, or move with the arrow keys. */
export function EmojiScale(props: {
  id: string;
  value: number | null;
  onChange: (level: number) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { id, value, onChange, error } = props;
  return (
    <div className="field">
      <RadioGroup
        className="emoji-scale"
        orientation="horizontal"
        value={value === null ? null : String(value)}
        onChange={(next) => onChange(Number(next))}
        isInvalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <Label className="field-label">{t("emoji.question")}</Label>
        <div className="emoji-scale-options">
          {EMOJI_LEVELS.map((level) => (
            <Radio key={level} value={String(level)} className="emoji-option" id={level === 1 ? id : undefined}>
              <EmojiFace level={level} size={52} />
              <span className="emoji-option-label">{t(`emoji.levels.${level}`)}</span>
              <Check className="emoji-option-check" size={16} aria-hidden="true" />
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
