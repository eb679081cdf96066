/**
 * The library of content packages built into Openloop: plain TypeScript data, no database rows.
 * Each package exists in English and Swedish; its id is `builtin:<slug>:<language>`.
 */
import type { Language } from "../../../../shared/schemas/accounts.js";
import type { PackageContent } from "../../../../shared/schemas/tasks.js";
import { entrepreneurship } from "./entrepreneurship.js";
import { onboarding } from "./onboarding.js";
import { reflection } from "./reflection.js";

/** One language's version of a library package. */
export interface PackageText {
  name: string;
  description: string;
  content: PackageContent;
}

/** A library package in both languages, under one slug. */
export interface LibraryEntry {
  slug: string;
  en: PackageText;
  sv: PackageText;
}

/** A library package in one language, as listed and copied. */
export interface BuiltinPackage extends PackageText {
  id: string;
  language: Language;
}

const ENTRIES: readonly LibraryEntry[] = [reflection, entrepreneurship, onboarding];

export const BUILTIN_PACKAGES: readonly BuiltinPackage[] = ENTRIES.flatMap((entry) =>
  (["en", "sv"] as const).map((language) => ({ id: `builtin:${entry.slug}:${language}`, language, ...entry[language] })),
);

/** The library package with this id, or undefined. */
export function findBuiltinPackage(id: string): BuiltinPackage | undefined {
  return BUILTIN_PACKAGES.find((p) => p.id === id);
}
