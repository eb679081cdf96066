/**
 * Spreadsheet exports (CSV and XLSX): every text cell that a spreadsheet would take for a formula
 * is made inert with a leading apostrophe (OWASP "CSV injection"), and downloads share one set of
 * headers.
 */
import type { FastifyReply } from "fastify";

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell a spreadsheet will show as text, never evaluate. */
export const neutralise = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** Headers of a file download: attachment under a server-made name, never sniffed, never cached. */
export function downloadHeaders(reply: FastifyReply, contentType: string, filename: string): FastifyReply {
  return reply
    .header("content-type", contentType)
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store");
}
