/** A read-only value (a join link) with a copy button; where copying is refused, the text is
 * selected so the person can copy it themselves. */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Copy } from "lucide-react";
import { LiveStatus } from "./Messages.js";

export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  // Remembered with the value it was about, so a new value (a rotated code) clears it.
  const [outcome, setOutcome] = useState<{ value: string; copied: boolean } | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome({ value, copied: true });
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setOutcome({ value, copied: false });
    }
  };

  const shown = outcome?.value === value ? outcome : null;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-row">
        <input
          ref={inputRef}
          id={id}
          className="input input-mono"
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" aria-label={t("copy.buttonLabel", { label })} onClick={() => void copy()}>
          <Copy size={18} aria-hidden="true" />
          {t("copy.button")}
        </button>
      </div>
      <LiveStatus tone={shown?.copied ? "success" : "info"} message={shown ? t(shown.copied ? "copy.copied" : "copy.manual") : null} />
    </div>
  );
}
