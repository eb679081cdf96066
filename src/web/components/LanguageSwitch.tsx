/** English / Svenska. For a signed-in user the choice is also saved to the account. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Languages } from "lucide-react";
import type { Language, User } from "../../shared/schemas/accounts.js";
import { updateProfile } from "../api/accounts.js";
import { LANGUAGES, currentLanguage } from "../i18n/index.js";
import { useMe } from "../lib/hooks.js";
import { meKey } from "../lib/queryClient.js";

/** Each language is named in itself, so a person who can't read the current one finds theirs. */
const NATIVE_NAMES: Record<Language, string> = { en: "English", sv: "Svenska" };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [saveFailed, setSaveFailed] = useState(false);
  const save = useMutation({
    mutationFn: (language: Language) => updateProfile({ language }),
    onSuccess: (user) => {
      setSaveFailed(false);
      queryClient.setQueryData<User | null>(meKey, user);
    },
    onError: () => setSaveFailed(true),
  });
  const active = currentLanguage();

  const choose = (language: Language) => {
    if (language === active) return;
    void i18n.changeLanguage(language);
    if (me) save.mutate(language);
  };

  return (
    <div className="lang-switch" role="group" aria-label={t("language.label")}>
      <Languages size={18} className="lang-switch-icon" aria-hidden="true" />
      <div className="lang-switch-options">
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="lang-option"
            aria-pressed={language === active}
            onClick={() => choose(language)}
          >
            {NATIVE_NAMES[language]}
          </button>
        ))}
      </div>
      {saveFailed ? (
        <p role="alert" className="alert small lang-switch-error">
          {t("language.saveFailed")}
        </p>
      ) : null}
    </div>
  );
}
