/**
 * Keyset paging over (created_at, id), in the order the page query sorts (oldest first for an
 * export, newest first for a list): each page starts after the last row of the one before, so a long walk (a person's every loop, for their data export) never holds more than
 * one page and never skips or repeats a row when others are written meanwhile.
 */

/** Where the next page starts. */
export interface After {
  at: string;
  id: string;
}

/** Calls `page` with the position after the previous page until a page comes back short. */
export async function* keysetPages<R extends { created_at: string; id: string }>(page: (after: After | null) => Promise<R[]>, pageSize: number): AsyncGenerator<R[]> {
  for (let after: After | null = null; ; ) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { at: new Date(last.created_at).toISOString(), id: last.id };
  }
}
