/** The tables of the safeguarding module (issue 7), created by migration 0008_safeguarding. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SafeguardingTables {}
