/** The tasks module's part of a group's export (issue 7): its tasks and tags. */
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow } from "../../db/types.js";
import { listTags, listTasks } from "./queries.js";

export async function groupTasksOf(db: DbOrTx, group: GroupRow) {
  const [tasks, tags] = await Promise.all([listTasks(db, group.organisation_id, group.id), listTags(db, group.organisation_id, group.id)]);
  return { tasks, tags };
}
