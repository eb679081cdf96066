/** Numbers in the interface language's format (1 234 / 1,234). */
import { useTranslation } from "react-i18next";
import { toLanguage } from "../../i18n/index.js";
import { formattingLocale } from "../../lib/format.js";

export function useNumberFormat(options?: Intl.NumberFormatOptions): (n: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(formattingLocale(toLanguage(i18n.resolvedLanguage)), options);
  return (n) => format.format(n);
}
