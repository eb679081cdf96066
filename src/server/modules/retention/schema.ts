/** Route schemas of the retention API. */
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import { RetentionQueue } from "../../../shared/schemas/retention.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const tags = ["retention"];

export const queue = {
  tags,
  summary: "What the group's retention period removes in the next 14 days (the group's leaders)",
  description:
    "Counts per kind (loops, the comments in their threads, information posts, surveys) and the oldest few of each with links. The daily job removes each item from its removalOn day.",
  security,
  params: GroupParams,
  response: { 200: RetentionQueue, ...errors },
};
