/** The tables of the safeguarding module (issue 7), created by migration 0008_safeguarding. */
import type { Selectable } from "kysely";

import type { Timestamp } from "../types.js";

export type SafeguardingReason = "abuse" | "risk" | "other";
export type SafeguardingStatus = "open" | "forwarded_social_services" | "forwarded_other" | "closed";

/** An organisation's designated safeguarding contacts (members of it). */
export interface SafeguardingContactsTable {
  organisation_id: string;
  user_id: string;
  added_by: string | null;
  created_at: Timestamp;
}

/** A loop a leader flagged "requires reporting"; loop_id is null once the loop is gone. */
export interface SafeguardingFlagsTable {
  id: string;
  organisation_id: string;
  group_id: string | null;
  loop_id: string | null;
  flagged_by: string | null;
  reason: SafeguardingReason;
  note: string;
  status: SafeguardingStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What a contact did about a flag: the status it took, with a note. */
export interface SafeguardingStepsTable {
  id: string;
  organisation_id: string;
  flag_id: string;
  actor_id: string | null;
  status: SafeguardingStatus;
  note: string;
  created_at: Timestamp;
}

export interface SafeguardingTables {
  safeguarding_contacts: SafeguardingContactsTable;
  safeguarding_flags: SafeguardingFlagsTable;
  safeguarding_steps: SafeguardingStepsTable;
}

export type SafeguardingContactRow = Selectable<SafeguardingContactsTable>;
export type SafeguardingFlagRow = Selectable<SafeguardingFlagsTable>;
export type SafeguardingStepRow = Selectable<SafeguardingStepsTable>;
