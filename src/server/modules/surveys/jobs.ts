/** The surveys module's scheduled work: telling members when a scheduled survey opens. */
import type { AppContext } from "../../app.js";
import { announceDueSurveys } from "./commands.js";

export const ANNOUNCE_JOB = "surveys.announce";
/** How often the job looks for surveys whose opening time has come. */
const ANNOUNCE_EVERY_MS = 60_000;

/** Registers `surveys.announce` (app.ts); each run finds what is due in the database, so a missed or doubled run costs nothing. */
export function registerSurveyJobs(ctx: AppContext): void {
  ctx.jobs.every(ANNOUNCE_JOB, ANNOUNCE_EVERY_MS, async () => {
    await announceDueSurveys(ctx);
  });
}
