/**
 * The create-group wizard's choice of where to start: an empty group, or a content package (the
 * library's or the organisation's own) whose tasks, tags and role titles are copied into it.
 * Packages in the interface language are shown first; the other language is one choice away.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { LANGUAGES, type Language } from "../../shared/schemas/accounts.js";
import { listPackages, packagesKey, type ContentPackage } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { ChoiceGroup } from "./Field.js";
import { QueryView } from "./Messages.js";
import { TagChip } from "./TagChip.js";

/** What each language is called in itself, so a reader of either can find theirs. */
const LANGUAGE_NAMES: Record<Language, string> = { en: "English", sv: "Svenska" };

export function PackagePicker({ organisationId, value, onChange }: {
  organisationId: string;
  value: ContentPackage | null;
  onChange: (chosen: ContentPackage | null) => void;
}) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>(value?.language ?? currentLanguage());
  const packages = useQuery({ queryKey: packagesKey(organisationId), queryFn: () => listPackages({ organisationId }) });
  return (
    <>
      <ChoiceGroup
        name="package-language"
        legend={t("packagePicker.language")}
        hint={t("packagePicker.languageHint")}
        value={language}
        onChange={setLanguage}
        choices={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
      />
      <QueryView query={packages}>
        {(list) => {
          // The chosen package stays in view whatever the filter, so the choice is never hidden.
          const shown = list.filter((pkg) => pkg.language === language || pkg.id === value?.id);
          return (
            <fieldset className="fieldset">
              <legend className="fieldset-legend">{t("packagePicker.legend")}</legend>
              <div className="choice-stack">
                <label className="choice choice-card">
                  <input
                    type="radio"
                    name="package"
                    value=""
                    checked={value === null}
                    onChange={() => onChange(null)}
                    aria-describedby="package-none-description"
                  />
                  <span className="choice-text">
                    <span className="choice-label">{t("packagePicker.scratch")}</span>
                    <span className="choice-description" id="package-none-description">
                      {t("packagePicker.scratchDescription")}
                    </span>
                  </span>
                </label>
                {shown.map((pkg) => (
                  <PackageChoice key={pkg.id} pkg={pkg} checked={value?.id === pkg.id} onChoose={() => onChange(pkg)} />
                ))}
              </div>
              {shown.length === 0 ? <p className="muted">{t("packagePicker.noneInLanguage")}</p> : null}
            </fieldset>
          );
        }}
      </QueryView>
    </>
  );
}

/** Stable, id-safe element ids for a package (library ids contain colons). */
function domId(pkg: ContentPackage): string {
  return `package-${pkg.id.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

function PackageChoice({ pkg, checked, onChoose }: { pkg: ContentPackage; checked: boolean; onChoose: () => void }) {
  const id = domId(pkg);
  return (
    <div className="package-choice">
      <label className="choice choice-card">
        <input type="radio" name="package" value={pkg.id} checked={checked} onChange={onChoose} aria-labelledby={`${id}-label`} aria-describedby={`${id}-description ${id}-meta`} />
        <span className="choice-text">
          <span className="choice-label" id={`${id}-label`} lang={pkg.language}>
            {pkg.name}
          </span>
          <span className="choice-description" id={`${id}-description`} lang={pkg.language}>
            {pkg.description}
          </span>
          <span className="package-meta" id={`${id}-meta`}>
            <PackageFacts pkg={pkg} />
          </span>
        </span>
      </label>
      <PackageContents pkg={pkg} />
    </div>
  );
}

/** "6 tasks · 8 tags · Svenska · Your organisation" */
export function PackageFacts({ pkg }: { pkg: ContentPackage }) {
  const { t } = useTranslation();
  const facts = [
    t("packagePicker.tasks", { count: pkg.content.tasks.length }),
    t("packagePicker.tags", { count: pkg.content.tags.length }),
    LANGUAGE_NAMES[pkg.language],
    pkg.source === "organisation" ? t("packagePicker.ownPackage") : t("packagePicker.library"),
  ];
  return <>{facts.join(" · ")}</>;
}

/** What a package holds, folded away until asked for. */
function PackageContents({ pkg }: { pkg: ContentPackage }) {
  const { t } = useTranslation();
  if (pkg.content.tasks.length === 0 && pkg.content.tags.length === 0) return null;
  return (
    <details className="package-contents">
      <summary>{t("packagePicker.contents", { name: pkg.name })}</summary>
      <div className="stack" lang={pkg.language}>
        {pkg.content.tasks.length > 0 ? (
          <ol className="package-task-list">
            {pkg.content.tasks.map((task, index) => (
              <li key={index}>{task.title}</li>
            ))}
          </ol>
        ) : null}
        {pkg.content.tags.length > 0 ? (
          <p className="badges">
            {pkg.content.tags.map((tag, index) => (
              <TagChip key={index} tag={tag} />
            ))}
          </p>
        ) : null}
      </div>
    </details>
  );
}
