/**
 * Who may do what with a survey. Members of the group (tutors too) see its open and closed
 * surveys; its leaders (`publish`) also see drafts and scheduled ones, shape, open, close and
 * delete them and read the results. Whoever may send loops in the group (senders; every peer
 * of a flat group) answers while it is open. Nothing while the group is inactive.
 *
 * The resource carries the survey's state at the request's clock and, for those who read the
 * results, how many have answered (the questions are fixed once someone has).
 */
import { definePolicy, type Rule } from "../../policies/index.js";
import type { SurveyRow } from "../../db/types.js";
import type { SurveyState } from "../../../shared/schemas/surveys.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";

export interface SurveyAccess {
  survey: SurveyRow;
  access: GroupAccess;
  state: SurveyState;
  /** Distinct members who answered; undefined when not loaded (the viewer does not lead the group). */
  respondents?: number | undefined;
}

export const SURVEY_ACTIONS = ["read", "edit", "editQuestions", "changeAnonymity", "delete", "open", "close", "answer", "readResults", "export"] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

export const surveyPolicy = definePolicy<SurveyAccess, SurveyAction>("survey", SURVEY_ACTIONS, (s) => ({ id: s.survey.id, organisationId: s.survey.organisation_id }));

/** The group's leaders: they make the group's surveys and read their results. */
export const leadsSurvey: Rule<SurveyAccess> = (actor, s) => groupPolicy.can(actor, "publish", s.access);
/** Who answers the group's surveys (the state decides whether now). */
export const answersSurvey: Rule<SurveyAccess> = (actor, s) => groupPolicy.can(actor, "sendLoop", s.access);
const published = (s: SurveyAccess) => s.state === "open" || s.state === "closed";

// Members see a survey once it has opened; drafts and scheduled surveys are their leaders' own.
surveyPolicy.allow("read", (actor, s) => groupPolicy.can(actor, "readPosts", s.access) && published(s));
surveyPolicy.allow("read", leadsSurvey);
surveyPolicy.allow("edit", leadsSurvey);
// Answers are given to the questions as they were: once someone has answered, they stay.
surveyPolicy.allow("editQuestions", (actor, s) => leadsSurvey(actor, s) && s.respondents === 0);
// Members answer knowing whether it is anonymous: that is fixed from the moment it opens.
const notYetOpen = (s: SurveyAccess) => s.state === "draft" || s.state === "scheduled";
surveyPolicy.allow("changeAnonymity", (actor, s) => leadsSurvey(actor, s) && notYetOpen(s));
surveyPolicy.allow("delete", leadsSurvey);
surveyPolicy.allow("open", (actor, s) => leadsSurvey(actor, s) && notYetOpen(s));
// Reopening an identified survey is harmless; an anonymous one's results, once shown, are final:
// a second look after more answers would isolate the newcomers' answers by difference.
surveyPolicy.allow("open", (actor, s) => leadsSurvey(actor, s) && s.state === "closed" && !s.survey.is_anonymous);
surveyPolicy.allow("close", (actor, s) => leadsSurvey(actor, s) && s.state === "open");
surveyPolicy.allow("answer", (actor, s) => answersSurvey(actor, s) && s.state === "open");
surveyPolicy.allow("readResults", leadsSurvey);
surveyPolicy.allow("export", leadsSurvey);
