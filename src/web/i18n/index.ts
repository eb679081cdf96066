/**
 * i18next set-up. The language comes from the browser, then from the signed-in user's saved
 * choice. Nothing is cached in the browser: the detector's caches are off so no trace of the
 * user's choice survives sign-out (the session's language lives in memory only).
 */
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../../shared/schemas/accounts.js";
import en from "./en.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };
import tasksEn from "./tasks.en.json" with { type: "json" };
import tasksSv from "./tasks.sv.json" with { type: "json" };
import loopsEn from "./loops.en.json" with { type: "json" };
import loopsSv from "./loops.sv.json" with { type: "json" };
import surveysEn from "./surveys.en.json" with { type: "json" };
import surveysSv from "./surveys.sv.json" with { type: "json" };
import checkinsEn from "./checkins.en.json" with { type: "json" };
import checkinsSv from "./checkins.sv.json" with { type: "json" };
import notificationsEn from "./notifications.en.json" with { type: "json" };
import notificationsSv from "./notifications.sv.json" with { type: "json" };
import postsEn from "./posts.en.json" with { type: "json" };
import postsSv from "./posts.sv.json" with { type: "json" };
import statisticsEn from "./statistics.en.json" with { type: "json" };
import statisticsSv from "./statistics.sv.json" with { type: "json" };
import dashboardsEn from "./dashboards.en.json" with { type: "json" };
import dashboardsSv from "./dashboards.sv.json" with { type: "json" };
import privacyPolicyEn from "./privacy-policy.en.json" with { type: "json" };
import privacyPolicySv from "./privacy-policy.sv.json" with { type: "json" };
import retentionEn from "./retention.en.json" with { type: "json" };
import retentionSv from "./retention.sv.json" with { type: "json" };
import safeguardingEn from "./safeguarding.en.json" with { type: "json" };
import safeguardingSv from "./safeguarding.sv.json" with { type: "json" };
import crashReportsEn from "./crash-reports.en.json" with { type: "json" };
import crashReportsSv from "./crash-reports.sv.json" with { type: "json" };
import dataExportsEn from "./data-exports.en.json" with { type: "json" };
import dataExportsSv from "./data-exports.sv.json" with { type: "json" };
import erasureEn from "./erasure.en.json" with { type: "json" };
import erasureSv from "./erasure.sv.json" with { type: "json" };
import identitiesEn from "./identities.en.json" with { type: "json" };
import identitiesSv from "./identities.sv.json" with { type: "json" };
import signInRulesEn from "./sign-in-rules.en.json" with { type: "json" };
import signInRulesSv from "./sign-in-rules.sv.json" with { type: "json" };

/** One file per area (each with its own top-level keys), merged into one namespace. */
export const translations = {
  en: { ...en, ...tasksEn, ...loopsEn, ...checkinsEn, ...notificationsEn, ...postsEn, ...surveysEn, ...statisticsEn, ...dashboardsEn, ...privacyPolicyEn, ...retentionEn, ...safeguardingEn, ...crashReportsEn, ...dataExportsEn, ...erasureEn, ...identitiesEn, ...signInRulesEn },
  sv: { ...sv, ...tasksSv, ...loopsSv, ...checkinsSv, ...notificationsSv, ...postsSv, ...surveysSv, ...statisticsSv, ...dashboardsSv, ...privacyPolicySv, ...retentionSv, ...safeguardingSv, ...crashReportsSv, ...dataExportsSv, ...erasureSv, ...identitiesSv, ...signInRulesSv },
} as const;

export const resources = {
  en: { translation: translations.en },
  sv: { translation: translations.sv },
} as const satisfies Record<Language, unknown>;

export { LANGUAGES };

export function initI18n(): typeof i18n {
  void i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: "en",
      // Resources are bundled, so init finishes synchronously and the first render is translated.
      initAsync: false,
      detection: { order: ["navigator", "htmlTag"], caches: [] },
      interpolation: { escapeValue: false },
    });
  syncDocumentLanguage(i18n.resolvedLanguage);
  i18n.on("languageChanged", () => syncDocumentLanguage(i18n.resolvedLanguage));
  return i18n;
}

function syncDocumentLanguage(language: string | undefined): void {
  document.documentElement.lang = language ?? "en";
}

/** The interface language as the API knows it. */
export function currentLanguage(): Language {
  return toLanguage(i18n.resolvedLanguage);
}

export function toLanguage(value: string | undefined): Language {
  return value === "sv" ? "sv" : "en";
}

/** Forgets any explicit choice and follows the browser again (used on sign-out). */
export async function resetLanguageToBrowser(): Promise<void> {
  await i18n.changeLanguage(undefined);
}

export { i18n };
