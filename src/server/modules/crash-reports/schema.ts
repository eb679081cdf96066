/** Route schemas of crash reports and the crash-report setting. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import * as C from "../../../shared/schemas/crash-reports.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody };
const tags = ["crash-reports"];

export const create = {
  tags,
  summary: "Send a crash report of the web app (only with the person's consent)",
  description:
    "Refused (403 `forbidden`) unless `consent` is `once` (the person approved this report) or `setting` and the signed-in " +
    "person's stored setting is on; a visitor can only send with `once`. The server removes e-mail addresses, tokens, query strings " +
    "and ids from the text, and reads the device's operating system and browser from the User-Agent. The report names no one. " +
    `Bodies over ${C.CRASH_REPORT_MAX_BYTES} bytes: 413; too many reports from one person or address: 429.`,
  body: C.CreateCrashReportBody,
  response: { 204: z.null().meta({ description: "Received." }), ...errors },
};
export const list = {
  tags,
  summary: "Crash reports, newest first (instance administrators)",
  security,
  querystring: C.CrashReportsQuery,
  response: { 200: C.CrashReportPage, ...errors },
};
export const get = { tags, summary: "One crash report with its stack (instance administrators)", security, params: C.CrashReportParams, response: { 200: C.CrashReportEnvelope, ...errors } };
export const getSetting = {
  tags,
  summary: "My choice to send crash reports without being asked (off by default)",
  security,
  response: { 200: C.CrashReportSetting, ...errors },
};
export const putSetting = {
  tags,
  summary: "Turn sending crash reports without being asked on or off",
  security,
  body: C.CrashReportSetting,
  response: { 200: C.CrashReportSetting, ...errors },
};
