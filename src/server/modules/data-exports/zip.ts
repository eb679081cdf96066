/**
 * A ZIP written entry by entry straight into the blob store (archiver's streaming zip): each
 * entry is awaited before the next is added, so at any moment only the current entry's chunk,
 * one attachment's stream or one page of loops is in memory — never the whole archive.
 */
import { Readable } from "node:stream";
import { ZipArchive } from "archiver";
import type { BlobStore } from "../../storage/blob-store.js";

export interface ZipWriter {
  /** Adds one entry and resolves once it is written. */
  add(source: Readable | Buffer | string, name: string): Promise<void>;
  /** Adds an entry whose text is produced piece by piece (a JSON array or an HTML page over keyset pages). */
  addText(pieces: AsyncIterable<string>, name: string): Promise<void>;
}

/** Pretty JSON of one value, as an entry's text. */
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A JSON array written item by item from pages. */
export async function* jsonArray<T>(pages: AsyncIterable<readonly T[]>): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const page of pages) {
    for (const item of page) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(item, null, 2)}`;
      first = false;
    }
  }
  yield first ? "]\n" : "\n]\n";
}

/**
 * Writes a ZIP into the blob store under `key` with `fill` adding its entries; resolves with its
 * size. On any failure nothing is left behind: the partial blob is deleted and the error thrown.
 */
export async function writeZip(blobs: BlobStore, key: string, fill: (zip: ZipWriter) => Promise<void>): Promise<number> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  let failure: Error | null = null;
  archive.on("error", (err) => (failure ??= err));
  archive.on("warning", (err) => (failure ??= err));
  const stored = blobs.putStream(key, archive, "application/zip");
  // A failed store (disk full) must not leave the writer waiting for entries nobody reads.
  stored.catch((err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
    archive.destroy();
  });

  const add = (source: Readable | Buffer | string, name: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const done = (err?: Error) => {
        archive.off("entry", onEntry);
        archive.off("error", done);
        if (source instanceof Readable) source.off("error", done);
        if (err) reject(err);
        else resolve();
      };
      const onEntry = () => done();
      archive.on("entry", onEntry);
      archive.on("error", done);
      if (source instanceof Readable) source.on("error", done);
      archive.append(source, { name });
    });
  const zip: ZipWriter = {
    add,
    addText: (pieces, name) =>
      add(
        Readable.from(
          (async function* () {
            for await (const piece of pieces) yield Buffer.from(piece, "utf8");
          })(),
          { objectMode: false },
        ),
        name,
      ),
  };

  try {
    await fill(zip);
    if (failure) throw failure;
    await archive.finalize();
    const size = await stored;
    if (failure) throw failure;
    return size;
  } catch (err) {
    // Destroying the archive ends the store's pipeline with an error: it removes its partial file.
    archive.destroy(err instanceof Error ? err : new Error(String(err)));
    await stored.catch(() => undefined);
    await blobs.delete(key);
    throw err;
  }
}
