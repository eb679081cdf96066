/** Route schemas of the accounts API: validation, response types and the OpenAPI document. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import * as A from "../../../shared/schemas/accounts.js";

const session = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });

export const register = {
  tags: ["accounts"],
  summary: "Create an account and sign in",
  description:
    "The first account of a new instance becomes its instance administrator. Once a privacy policy is published, " +
    "`acceptedPolicyVersionId` must name its current version (400 on that field when missing or outdated); the acceptance is recorded.",
  body: A.RegisterBody,
  response: { 201: A.UserEnvelope, 409: ErrorBody, ...errors },
};
export const signIn = {
  tags: ["accounts"],
  summary: "Sign in with e-mail and password",
  description: "Sets a new session cookie. Rate limited per account and per IP (429 with Retry-After).",
  body: A.SignInBody,
  response: { 200: A.UserEnvelope, ...errors },
};
export const signOut = {
  tags: ["accounts"],
  summary: "Sign out (ends this session)",
  security: session,
  response: { 204: noContent, ...errors },
};
export const requestReset = {
  tags: ["accounts"],
  summary: "Ask for a password reset link by e-mail",
  description: "Always 202: the answer does not reveal whether the address has an account.",
  body: A.PasswordResetRequestBody,
  response: { 202: A.Accepted, ...errors },
};
export const confirmReset = {
  tags: ["accounts"],
  summary: "Set a new password with a reset token",
  description: "The token is single-use and expires after one hour. Every session of the account ends.",
  body: A.PasswordResetConfirmBody,
  response: { 204: noContent, ...errors },
};
export const confirmEmail = {
  tags: ["accounts"],
  summary: "Confirm a new e-mail address with the token sent to it",
  body: A.TokenBody,
  response: { 200: A.UserEnvelope, 409: ErrorBody, ...errors },
};
export const getMe = {
  tags: ["profile"],
  summary: "The signed-in user",
  security: session,
  response: { 200: A.UserEnvelope, ...errors },
};
export const updateMe = {
  tags: ["profile"],
  summary: "Change name or language",
  security: session,
  body: A.UpdateProfileBody,
  response: { 200: A.UserEnvelope, ...errors },
};
export const putPicture = {
  tags: ["profile"],
  summary: "Upload a profile picture (multipart/form-data, field `file`)",
  description: `Any common image type up to ${A.MAX_PICTURE_BYTES / 1024 / 1024} MB; stored re-encoded as a square WebP without metadata. 413 when too large, 415 when not an image.`,
  security: session,
  consumes: ["multipart/form-data"],
  response: { 200: A.UserEnvelope, 413: ErrorBody, 415: ErrorBody, ...errors },
};
export const deletePicture = {
  tags: ["profile"],
  summary: "Remove the profile picture",
  security: session,
  response: { 200: A.UserEnvelope, ...errors },
};
export const getPicture = {
  tags: ["profile"],
  summary: "A user's profile picture (image/webp)",
  security: session,
  params: A.IdParams,
  response: { 200: z.any().meta({ description: "image/webp bytes" }), ...errors },
};
export const changePassword = {
  tags: ["profile"],
  summary: "Change the password (every other session ends)",
  security: session,
  body: A.ChangePasswordBody,
  response: { 204: noContent, ...errors },
};
export const changeEmail = {
  tags: ["profile"],
  summary: "Change the e-mail address (a confirmation link goes to the new address)",
  security: session,
  body: A.ChangeEmailBody,
  response: { 202: A.Accepted, 409: ErrorBody, ...errors },
};
export const listSessions = {
  tags: ["sessions"],
  summary: "My sessions, with device and last activity",
  security: session,
  response: { 200: A.SessionList, ...errors },
};
export const revokeSession = {
  tags: ["sessions"],
  summary: "End one of my sessions",
  security: session,
  params: A.IdParams,
  response: { 204: noContent, ...errors },
};
export const revokeOthers = {
  tags: ["sessions"],
  summary: "End all my sessions except this one",
  security: session,
  response: { 204: noContent, ...errors },
};
