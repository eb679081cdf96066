/**
 * Survey results as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads the
 * encoding from it), every cell that a spreadsheet would take for a formula made inert with a
 * leading apostrophe. An identified survey gives one row per respondent; an anonymous one only
 * the aggregate table (never a row per person), and nothing of the answers while hidden.
 */
import { stringify } from "csv-stringify/sync";
import { neutralise } from "../../http/csv.js";
import type { Language } from "../../../shared/schemas/accounts.js";
import type { SurveyQuestion, SurveyResults } from "../../../shared/schemas/surveys.js";

const HEADINGS = {
  en: {
    name: "Name",
    answeredAt: "Answered at",
    changedAt: "Last changed at",
    question: "Question",
    answer: "Answer",
    count: "Count",
    percent: "Percent",
    average: "Average",
    answered: "Answered",
    hiddenTooFew: "Results appear when at least {k} members have answered.",
    hiddenUntilClosed: "Results of an anonymous survey appear when it has closed.",
    questionHidden: "Fewer than {k} answered this question.",
  },
  sv: {
    name: "Namn",
    answeredAt: "Svarade",
    changedAt: "Senast ändrat",
    question: "Fråga",
    answer: "Svar",
    count: "Antal",
    percent: "Procent",
    average: "Medelvärde",
    answered: "Svarade",
    hiddenTooFew: "Resultaten visas när minst {k} medlemmar har svarat.",
    hiddenUntilClosed: "Resultaten av en anonym enkät visas när den har stängt.",
    questionHidden: "Färre än {k} svarade på den här frågan.",
  },
} as const satisfies Record<Language, Record<string, string>>;

/** An answer as text: choice labels, the scale value, or the text itself. */
function answerText(q: SurveyQuestion, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (q.kind === "single" && typeof value === "number") return q.options[value] ?? "";
  if (q.kind === "multiple" && Array.isArray(value)) return value.map((i: number) => q.options[i] ?? "").join("; ");
  return String(value);
}

export function resultsCsv(results: SurveyResults, questions: readonly SurveyQuestion[], language: Language): string {
  const h = HEADINGS[language];
  const k = (s: string) => s.replace("{k}", String(results.k));
  let rows: Array<Array<string | number>>;
  if (results.hidden) {
    rows = [[h.question, h.answer, h.count, h.percent], [k(results.hidden === "too_few" ? h.hiddenTooFew : h.hiddenUntilClosed), "", "", ""]];
  } else if (results.responses) {
    rows = [
      [h.name, h.answeredAt, h.changedAt, ...questions.map((q) => q.prompt)],
      ...results.responses.map((r) => [r.respondent.name, r.submittedAt, r.updatedAt, ...questions.map((q) => answerText(q, r.answers[q.id]))]),
    ];
  } else {
    rows = [[h.question, h.answer, h.count, h.percent]];
    for (const q of results.questions) {
      if (q.hidden) rows.push([q.prompt, k(h.questionHidden), "", ""]);
      for (const d of q.distribution) rows.push([q.prompt, d.label, d.count, d.percent]);
      if (q.average !== null) rows.push([q.prompt, h.average, q.average, ""]);
      for (const text of q.textAnswers) rows.push([q.prompt, text.text, "", ""]);
      if (!q.hidden) rows.push([q.prompt, h.answered, q.answeredCount, ""]);
    }
  }
  return stringify(rows, { bom: true, record_delimiter: "windows", cast: { string: neutralise } });
}
