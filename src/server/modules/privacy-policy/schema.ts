/** Route schemas of the privacy policy's versions. */
import { ErrorBody } from "../../../shared/errors.js";
import * as P from "../../../shared/schemas/privacy-policy.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ["privacy policy"];

export const current = {
  tags,
  summary: "The privacy policy in force (public)",
  description: "Null before the instance administrator has published a first version.",
  response: { 200: P.CurrentPolicyEnvelope },
};
export const archive = {
  tags,
  summary: "Every version of the privacy policy ever published, newest first (public)",
  response: { 200: P.PolicyArchive },
};
export const version = {
  tags,
  summary: "One version of the privacy policy, current or earlier (public)",
  params: P.PolicyVersionParams,
  response: { 200: P.PolicyVersionEnvelope, 400: ErrorBody, 404: ErrorBody },
};
export const publish = {
  tags,
  summary: "Publish a new version (instance administrators)",
  description:
    "Published versions never change. A significant one must be acknowledged by every user at their next visit, and " +
    "every user is e-mailed about it; a minor one shows a banner they can close.",
  security,
  body: P.PublishPolicyBody,
  response: { 201: P.PolicyVersionEnvelope, ...errors },
};
export const preview = {
  tags,
  summary: "Render Markdown exactly as a published version would be (instance administrators; changes nothing)",
  security,
  body: P.PreviewPolicyBody,
  response: { 200: P.PreviewPolicyResponse, ...errors },
};
export const mine = {
  tags,
  summary: "My standing towards the privacy policy: accepted, must acknowledge a significant change, or a banner",
  security,
  response: { 200: P.MyPolicyEnvelope, ...errors },
};
export const acknowledge = {
  tags,
  summary: "Acknowledge the current version (recorded with its time)",
  security,
  body: P.PolicyVersionChoice,
  response: { 200: P.MyPolicyEnvelope, ...errors },
};
export const dismiss = {
  tags,
  summary: "Close the banner of the current version (kept for every device of mine)",
  security,
  body: P.PolicyVersionChoice,
  response: { 200: P.MyPolicyEnvelope, ...errors },
};
