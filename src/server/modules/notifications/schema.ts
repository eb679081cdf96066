/** Route schemas of the feed and notification preferences. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import * as N from "../../../shared/schemas/notifications.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["notifications"];

export const feed = {
  tags,
  summary: "My feed: what concerns me in my groups and organisations, newest first",
  description: "Pages by `cursor` (from `nextCursor`); `unreadOnly=true` lists only what I have not marked read. `unreadCount` counts all my unread items.",
  security,
  querystring: N.FeedQuery,
  response: { 200: N.FeedPage, ...errors },
};
export const unreadCount = { tags, summary: "How many items of my feed are unread (the header's count)", security, response: { 200: N.UnreadCount, ...errors } };
export const markRead = { tags, summary: "Mark one item of my feed read", security, params: N.NotificationParams, response: { 204: noContent, ...errors } };
export const markAllRead = { tags, summary: "Mark every item of my feed read", security, response: { 204: noContent, ...errors } };
export const preferences = {
  tags,
  summary: "My e-mail choice per kind of notification (the feed shows every kind regardless)",
  security,
  response: { 200: N.NotificationPreferences, ...errors },
};
export const setPreferences = {
  tags,
  summary: "Change my e-mail choice for some kinds; a kind set to its default returns to following it",
  security,
  body: N.UpdateNotificationPreferences,
  response: { 200: N.NotificationPreferences, ...errors },
};
