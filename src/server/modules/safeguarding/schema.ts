/** Route schemas of safeguarding: contacts, flags on loops, and what was done about them. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { LoopParams, AttachmentQuery } from "../../../shared/schemas/loops.js";
import { OrgParams } from "../../../shared/schemas/organisations.js";
import * as S from "../../../shared/schemas/safeguarding.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["safeguarding"];
const hidden = "A flag is seen only by the leader who flagged it and the organisation's safeguarding contacts; to anyone else it answers 404 like a missing one.";

export const contacts = {
  tags,
  summary: "The organisation's safeguarding contacts (members)",
  security,
  params: OrgParams,
  response: { 200: S.SafeguardingContacts, ...errors },
};
export const addContact = {
  tags,
  summary: "Designate a member as safeguarding contact (administrators; audited)",
  description: "Contacts are told of every loop flagged in the organisation and see it with its thread. Designating one again changes nothing.",
  security,
  params: OrgParams,
  body: S.AddContactBody,
  response: { 200: S.SafeguardingContacts, ...errors },
};
export const removeContact = {
  tags,
  summary: "End a member's designation as safeguarding contact (administrators; audited)",
  security,
  params: S.ContactParams,
  response: { 204: noContent, ...errors },
};
export const loopFlags = {
  tags,
  summary: "Safeguarding on a loop: my own flags on it (a contact: every flag), and whether I may flag it",
  description: "Whoever reads the loop may ask; the answer shows nothing of other people's flags.",
  security,
  params: LoopParams,
  response: { 200: S.LoopSafeguarding, ...errors },
};
export const flagLoop = {
  tags,
  summary: "Flag a loop as requiring reporting (its leaders and tutors; audited)",
  description:
    "The organisation's safeguarding contacts get a `safeguarding_flagged` notification at once (feed and e-mail) that names the group and " +
    "the flagging leader, never the loop's text or sender. 409 when the organisation has no contacts.",
  security,
  params: LoopParams,
  body: S.FlagLoopBody,
  response: { 201: S.SafeguardingFlagEnvelope, ...errors },
};
export const listFlags = {
  tags,
  summary: "The organisation's flags, newest first (contacts: all; other members: their own)",
  security,
  params: OrgParams,
  querystring: S.SafeguardingFlagsQuery,
  response: { 200: S.SafeguardingFlagPage, ...errors },
};
export const getFlag = {
  tags,
  summary: "A flag with its history, the loop and its thread (audited as a view)",
  description: `${hidden} An anonymous loop is shown without its sender.`,
  security,
  params: S.FlagParams,
  response: { 200: S.SafeguardingFlagDetail, ...errors },
};
export const recordStep = {
  tags,
  summary: "Record what was done: the flag's new status with a note (contacts; audited)",
  security,
  params: S.FlagParams,
  body: S.RecordStepBody,
  response: { 201: S.SafeguardingFlagHistory, ...errors },
};
export const attachment = {
  tags,
  summary: "Download a flagged loop's file (audited; always as a download)",
  description: hidden,
  security,
  params: S.FlagAttachmentParams,
  querystring: AttachmentQuery,
  response: { 200: z.any().meta({ description: "The file's bytes." }), ...errors },
};
