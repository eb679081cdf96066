/** What one erasure covers: a person everywhere (their account goes), or one organisation's data of theirs. */
export interface ErasureScope {
  userId: string;
  /** Null: everywhere (the account itself is erased); else only this organisation's data of theirs. */
  organisationId: string | null;
}
