/** The tables of the retention module (issue 7), created by migration 0007_retention. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RetentionTables {}
