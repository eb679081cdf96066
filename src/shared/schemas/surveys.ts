/** Request and response schemas of surveys (shared by server and web app). */
import { z } from "zod";
import { Id, Instant, Language, NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { Person } from "./loops.js";

/**
 * An anonymous survey's results are shown only when at least this many distinct members have
 * answered (design.md §7.4); below it nothing of the answers is shown, and a question fewer than
 * this many answered is hidden on its own.
 */
export const SURVEY_K = 5;
export const SURVEY_TITLE_MAX_LENGTH = 160;
export const SURVEY_DESCRIPTION_MAX_LENGTH = 4000;
export const MAX_SURVEY_QUESTIONS = 50;
export const SURVEY_PROMPT_MAX_LENGTH = 500;
export const MIN_SURVEY_OPTIONS = 2;
export const MAX_SURVEY_OPTIONS = 20;
export const SURVEY_OPTION_MAX_LENGTH = 200;
export const SURVEY_TEXT_ANSWER_MAX_LENGTH = 4000;
/** The scale question's values: 1 (lowest) … 5 (highest). */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

export const SURVEY_QUESTION_KINDS = ["single", "multiple", "scale", "text"] as const;
export const SurveyQuestionKind = z
  .enum(SURVEY_QUESTION_KINDS)
  .meta({ description: "single: one choice; multiple: any choices; scale: 1–5; text: free text." });
export type SurveyQuestionKind = z.infer<typeof SurveyQuestionKind>;
export const isChoiceKind = (kind: SurveyQuestionKind) => kind === "single" || kind === "multiple";

/** draft: not scheduled; scheduled: opens later; open: takes answers; closed: no more answers. */
export const SURVEY_STATES = ["draft", "scheduled", "open", "closed"] as const;
export const SurveyState = z.enum(SURVEY_STATES);
export type SurveyState = z.infer<typeof SurveyState>;

const SurveyTitle = z.string().trim().min(1).max(SURVEY_TITLE_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
const SurveyDescription = z.string().trim().max(SURVEY_DESCRIPTION_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
const OptionLabel = z.string().trim().min(1).max(SURVEY_OPTION_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);

export const SurveyQuestionInput = z
  .object({
    kind: SurveyQuestionKind,
    prompt: z.string().trim().min(1).max(SURVEY_PROMPT_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE),
    required: z.boolean().default(false),
    options: z
      .array(OptionLabel)
      .max(MAX_SURVEY_OPTIONS)
      .default([])
      .meta({ description: `The choices (${MIN_SURVEY_OPTIONS}–${MAX_SURVEY_OPTIONS}, each different) of a single or multiple choice question; empty for scale and text.` }),
  })
  .superRefine((q, ctx) => {
    if (isChoiceKind(q.kind)) {
      if (q.options.length < MIN_SURVEY_OPTIONS) {
        ctx.addIssue({ code: "too_small", origin: "array", minimum: MIN_SURVEY_OPTIONS, inclusive: true, input: q.options, path: ["options"], message: "Give at least two choices." });
      }
      const seen = new Set<string>();
      q.options.forEach((label, i) => {
        const key = label.toLocaleLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", input: label, path: ["options", i], message: "Each choice must be different." });
        seen.add(key);
      });
    } else if (q.options.length > 0) {
      ctx.addIssue({ code: "custom", input: q.options, path: ["options"], message: "Only choice questions have choices." });
    }
  });
export type SurveyQuestionInput = z.input<typeof SurveyQuestionInput>;

const Questions = z.array(SurveyQuestionInput).min(1).max(MAX_SURVEY_QUESTIONS);
const OpensAt = Instant.nullable().meta({ description: "When it opens (ISO 8601); null: a draft, opened by hand. A time already past opens it at once." });
const ClosesAt = Instant.nullable().meta({ description: "When it closes by itself (ISO 8601, in the future and after opensAt); null: closed by hand." });

/** closesAt must come after opensAt when both are given (the server also checks against the current time). */
const closesAfterOpens = (b: { opensAt?: string | null | undefined; closesAt?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (b.opensAt && b.closesAt && b.closesAt <= b.opensAt) {
    ctx.addIssue({ code: "custom", input: b.closesAt, path: ["closesAt"], message: "The survey must close after it opens." });
  }
};

export const CreateSurveyBody = z
  .object({
    title: SurveyTitle,
    description: SurveyDescription.default(""),
    anonymous: z.boolean().default(false).meta({ description: "Leaders never see who answered what; results only from SURVEY_K respondents and after closing." }),
    questions: Questions,
    opensAt: OpensAt.optional(),
    closesAt: ClosesAt.optional(),
  })
  .superRefine(closesAfterOpens);
export type CreateSurveyBody = z.input<typeof CreateSurveyBody>;

/**
 * Changes; absent fields stay. `questions` replaces them all (only while nobody has answered),
 * `anonymous` and `opensAt` only before the survey opens, `closesAt` until it closes.
 */
export const UpdateSurveyBody = z
  .object({
    title: SurveyTitle.optional(),
    description: SurveyDescription.optional(),
    anonymous: z.boolean().optional(),
    questions: Questions.optional(),
    opensAt: OpensAt.optional(),
    closesAt: ClosesAt.optional(),
  })
  .superRefine(closesAfterOpens);
export type UpdateSurveyBody = z.input<typeof UpdateSurveyBody>;

/** One answer: a choice index (single), choice indexes (multiple), 1–5 (scale) or text; null or absent: not answered. */
export const AnswerValue = z.union([
  z.number().int(),
  z.array(z.number().int()).max(MAX_SURVEY_OPTIONS),
  z.string().max(SURVEY_TEXT_ANSWER_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const AnswerSurveyBody = z.object({
  answers: z
    .record(Id, AnswerValue.nullable())
    .refine((a) => Object.keys(a).length <= MAX_SURVEY_QUESTIONS, { message: "Too many answers." })
    .meta({ description: "Question id → answer. Replaces my previous answers as a whole." }),
});
export type AnswerSurveyBody = z.input<typeof AnswerSurveyBody>;

export const SurveyParams = z.object({ surveyId: Id });
export const SurveyCsvQuery = z.object({ language: Language.default("en").meta({ description: "The language of the CSV's headings." }) });

export const SurveyQuestion = z
  .object({
    id: Id,
    kind: SurveyQuestionKind,
    prompt: z.string(),
    required: z.boolean(),
    options: z.array(z.string()),
  })
  .meta({ id: "SurveyQuestion" });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyAbilities = z.object({
  edit: z.boolean(),
  /** The questions may still be replaced: nobody has answered. */
  editQuestions: z.boolean(),
  /** Anonymous or identified may still be switched: the survey has not opened. */
  changeAnonymity: z.boolean(),
  delete: z.boolean(),
  open: z.boolean(),
  close: z.boolean(),
  answer: z.boolean(),
  readResults: z.boolean(),
  export: z.boolean(),
});
export type SurveyAbilities = z.infer<typeof SurveyAbilities>;

const SurveyFields = {
  id: Id,
  groupId: Id,
  title: z.string(),
  anonymous: z.boolean(),
  state: SurveyState,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  questionCount: z.number().int(),
  answered: z.boolean().meta({ description: "The viewer has answered." }),
  respondentCount: z.number().int().nullable().meta({ description: "Members who answered; null unless the viewer may read the results." }),
  answererCount: z.number().int().nullable().meta({ description: "Members who may answer; null unless the viewer may read the results." }),
  abilities: SurveyAbilities,
};

export const SurveySummary = z.object(SurveyFields).meta({ id: "SurveySummary" });
export type SurveySummary = z.infer<typeof SurveySummary>;
export const SurveyList = z.object({ surveys: z.array(SurveySummary) });

export const MyResponse = z.object({
  answers: z.record(z.string(), AnswerValue),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type MyResponse = z.infer<typeof MyResponse>;

export const Survey = z
  .object({
    ...SurveyFields,
    description: z.string(),
    questions: z.array(SurveyQuestion),
    myResponse: MyResponse.nullable().meta({ description: "The viewer's own answers, if they answered." }),
  })
  .meta({ id: "Survey" });
export type Survey = z.infer<typeof Survey>;
export const SurveyEnvelope = z.object({ survey: Survey });

export const DistributionRow = z.object({
  /** The choice's index, or the scale value 1–5. */
  value: z.number().int(),
  label: z.string(),
  count: z.number().int(),
  /** Of the members who answered this question, 0–100 with one decimal. */
  percent: z.number(),
});
export type DistributionRow = z.infer<typeof DistributionRow>;

export const QuestionResult = z.object({
  ...SurveyQuestion.shape,
  answeredCount: z.number().int(),
  /** An anonymous survey's question fewer than SURVEY_K answered: nothing of it is shown. */
  hidden: z.boolean(),
  distribution: z.array(DistributionRow).meta({ description: "Choices and scale values with their counts; empty for text questions." }),
  average: z.number().nullable().meta({ description: "Scale questions: the mean, one decimal." }),
  textAnswers: z
    .array(z.object({ text: z.string(), respondent: Person.nullable() }))
    .meta({ description: "Text questions. Anonymous surveys: in an order that depends on the texts only, without respondent." }),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const PersonResponse = z.object({
  respondent: Person,
  submittedAt: z.string(),
  updatedAt: z.string(),
  answers: z.record(z.string(), AnswerValue),
});
export type PersonResponse = z.infer<typeof PersonResponse>;

export const SurveyResults = z
  .object({
    surveyId: Id,
    anonymous: z.boolean(),
    state: SurveyState,
    k: z.number().int(),
    respondentCount: z.number().int(),
    answererCount: z.number().int(),
    hidden: z
      .enum(["too_few", "until_closed"])
      .nullable()
      .meta({ description: "Anonymous surveys: why nothing is shown yet (fewer than k respondents; still open)." }),
    questions: z.array(QuestionResult).meta({ description: "Empty while hidden." }),
    responses: z.array(PersonResponse).nullable().meta({ description: "Identified surveys: who answered what. Always null for anonymous ones." }),
  })
  .meta({ id: "SurveyResults" });
export type SurveyResults = z.infer<typeof SurveyResults>;
