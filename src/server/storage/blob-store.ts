/**
 * Blob storage behind one interface. Keys are always chosen by the server (`newBlobKey`), never
 * taken from a client, so no request can name a path. Local disk now; S3 arrives with scale-out.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";

export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The blob's bytes, or null when it does not exist. */
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  /** Stores a stream as it comes (never whole in memory: data exports); resolves with its size in bytes. */
  putStream(key: string, source: Readable, contentType: string): Promise<number>;
  /** The blob as a stream, or null when it does not exist. */
  getStream(key: string): Promise<{ stream: Readable; contentType: string; size: number } | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key (for integrity checks and tests of erasure). */
  list(): AsyncIterable<string>;
}

const KEY_SHAPE = /^[a-z]+\/[0-9a-f-]{36}\.[a-z0-9]+$/;

/** A fresh random key under a namespace, e.g. `pictures/<uuid>.webp`. */
export function newBlobKey(namespace: string, extension: string): string {
  return `${namespace}/${randomUUID()}.${extension}`;
}

/** Guards every implementation: a key not of our own making is refused before any I/O. */
export function assertBlobKey(key: string): void {
  if (!KEY_SHAPE.test(key)) throw new Error(`Refusing blob key of unexpected shape`);
}
