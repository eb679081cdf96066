/** The tables of the data-exports module (issue 7), created by migration 0010_data_exports. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataExportsTables {}
