/** BlobStore on the local file system, under `<DATA_DIR>/blobs`. Writes are atomic (temp + rename). */
import fs from "node:fs/promises";
import { createReadStream, createWriteStream } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { assertBlobKey, type BlobStore } from "./blob-store.js";

export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, data, { mode: 0o600 });
    await fs.writeFile(`${tmp}.type`, contentType, { mode: 0o600 });
    await fs.rename(`${tmp}.type`, `${file}.type`);
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    const file = this.file(key);
    try {
      const [data, contentType] = await Promise.all([fs.readFile(file), fs.readFile(`${file}.type`, "utf8")]);
      return { data, contentType };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async putStream(key: string, source: Readable, contentType: string): Promise<number> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      await pipeline(source, createWriteStream(tmp, { mode: 0o600 }));
      await fs.writeFile(`${tmp}.type`, contentType, { mode: 0o600 });
      await fs.rename(`${tmp}.type`, `${file}.type`);
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      await fs.rm(`${tmp}.type`, { force: true });
      throw err;
    }
    return (await fs.stat(file)).size;
  }

  async getStream(key: string): Promise<{ stream: Readable; contentType: string; size: number } | null> {
    const file = this.file(key);
    try {
      const [stat, contentType] = await Promise.all([fs.stat(file), fs.readFile(`${file}.type`, "utf8")]);
      return { stream: createReadStream(file), contentType, size: stat.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.type`, { force: true });
  }

  async *list(): AsyncIterable<string> {
    let namespaces: string[];
    try {
      namespaces = await fs.readdir(this.root);
    } catch {
      return;
    }
    for (const ns of namespaces) {
      for (const name of await fs.readdir(path.join(this.root, ns))) {
        if (!name.endsWith(".type") && !name.endsWith(".tmp")) yield `${ns}/${name}`;
      }
    }
  }
}
