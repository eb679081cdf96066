/** The tables of the erasure module (issue 7), created by migration 0012_erasure. */
/** Who an audit pseudonym stands for, while they exist (audit/pseudonyms.ts); erasing the account deletes the row. */
export interface AuditPeopleTable {
  pseudonym: string;
  user_id: string;
}

export interface ErasureTables {
  audit_people: AuditPeopleTable;
}
