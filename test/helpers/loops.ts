/**
 * Building blocks for tests of tasks, loops and comments: a class with a teacher, a tutor and
 * students, tasks and tags, and loops sent through the public API.
 */
import zlib from "node:zlib";
import sharp from "sharp";
import type { TestApp } from "./test-app.js";
import { addTutor, createGroup, createOrganisation, expectStatus, groupCodes, join, makeGroupCreator, register, type Person } from "./world.js";

/** A multipart/form-data body with the loop as JSON text in `loop` (or `opts.field`, e.g. `post`) and any number of `files`. */
export function multipartLoop(loop: object, files: { name: string; type?: string; data: Buffer }[] = [], opts: { loopLast?: boolean; field?: string } = {}) {
  const boundary = `----openloop${Math.random().toString(16).slice(2)}`;
  const loopPart = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? "loop"}"\r\n\r\n${JSON.stringify(loop)}\r\n`);
  const fileParts = files.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`),
      f.data,
      Buffer.from("\r\n"),
    ]),
  );
  const parts = opts.loopLast ? [...fileParts, loopPart] : [loopPart, ...fileParts];
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A small JPEG carrying GPS and camera EXIF, as a phone would send it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "SecretPhoneMaker", Model: "Model X", Artist: "Hidden Artist" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "59/1 19/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "18/1 4/1 0/1" },
    })
    .toBuffer();
}

export interface Class {
  /** With `withAdmin`: the organisation's administrator, in none of its groups (else the teacher administers it). */
  admin: Person | null;
  orgId: string;
  groupId: string;
  teacher: Person;
  students: Person[];
  tasks: { id: string; title: string }[];
  tags: { id: string; name: string }[];
}

/** An organisation with a hierarchical class: a teacher (owner), students, two published tasks and a draft, three tags. */
export async function setupClass(
  t: TestApp,
  opts: { students?: number; type?: "hierarchical" | "flat"; name?: string; orgName?: string; teacherName?: string; withAdmin?: boolean } = {},
): Promise<Class> {
  const teacher = await register(t, opts.teacherName ?? "Teacher Berg");
  let admin: Person | null = null;
  let orgId: string;
  if (opts.withAdmin) {
    admin = await register(t, "Astrid Admin");
    orgId = await createOrganisation(admin, opts.orgName ?? "Solskolan");
    await makeGroupCreator(admin, orgId, teacher);
  } else {
    orgId = await createOrganisation(teacher, opts.orgName ?? "Solskolan");
  }
  const groupId = await createGroup(teacher, orgId, { name: opts.name ?? "7B", type: opts.type ?? "hierarchical" });
  const codes = await groupCodes(teacher, groupId);
  const students: Person[] = [];
  for (let i = 0; i < (opts.students ?? 2); i++) {
    const s = await register(t, `Student ${i + 1}`);
    await join(s, codes.sender!);
    students.push(s);
  }
  const tasks = [];
  for (const [title, published] of [["Week 1 reflection", true], ["Lab report", true], ["Draft task", false]] as const) {
    const res = await teacher.client.post(`/api/v1/groups/${groupId}/tasks`, { title, instructions: "Write a few lines.", published });
    tasks.push(expectStatus(res, 201).task as { id: string; title: string });
  }
  const tags = [];
  for (const name of ["took initiative", "worked with others", "left my comfort zone"]) {
    tags.push(expectStatus(await teacher.client.post(`/api/v1/groups/${groupId}/tags`, { name }), 201).tag as { id: string; name: string });
  }
  return { admin, orgId, groupId, teacher, students, tasks, tags };
}

export { addTutor };

/** Sends a JSON loop and returns it. */
export async function sendLoop(p: Person, groupId: string, body: Record<string, unknown> = {}) {
  return expectStatus(await p.client.post(`/api/v1/groups/${groupId}/loops`, { emoji: 4, text: "A good day.", ...body }), 201).loop as {
    id: string;
    [key: string]: unknown;
  };
}

/** How many rows a table holds (for "nothing was stored" checks). */
export async function countRows(t: TestApp, table: "loops" | "loop_tags" | "attachments" | "comments" | "loop_reads" | "comment_bank" | "posts" | "post_attachments" | "post_views"): Promise<number> {
  const row = await t.db.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The keys of the stored blobs of loops (attachments and thumbnails), sorted. */
export async function loopBlobs(t: TestApp): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of t.app.ctx.blobs.list()) if (/^(attachments|thumbnails)\//.test(key)) keys.push(key);
  return keys.sort();
}

/** A live event as the API streams it. */
export interface StreamedEvent {
  type: string;
  groupId: string;
  loopId: string;
  [key: string]: unknown;
}

/** A real SSE connection to GET /api/v1/events, collecting what arrives. */
export interface EventStream {
  status: number;
  headers: Headers;
  /** Every parsed `data:` message so far, in order. */
  events: StreamedEvent[];
  /** Everything received, as text (for searching). */
  raw(): string;
  /** Resolves with the first event (already received or to come) that matches. */
  waitFor(match: (e: StreamedEvent) => boolean, timeoutMs?: number): Promise<StreamedEvent>;
  close(): Promise<void>;
}

/** Starts the app on a loopback port (once) and returns its base URL. */
export async function listenOnLoopback(t: TestApp): Promise<string> {
  const address = t.app.server.address();
  if (address && typeof address === "object") return `http://127.0.0.1:${address.port}`;
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const now = t.app.server.address();
  if (!now || typeof now !== "object") throw new Error("the app is not listening");
  return `http://127.0.0.1:${now.port}`;
}

/** Opens the event stream as `p` (their session cookie) and waits until the server has subscribed it. */
export async function openEvents(t: TestApp, p: Pick<Person, "client">): Promise<EventStream> {
  const base = await listenOnLoopback(t);
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, {
    headers: { accept: "text/event-stream", ...(p.client.cookie ? { cookie: p.client.cookie } : {}) },
    signal: abort.signal,
  });
  const events: StreamedEvent[] = [];
  let text = "";
  let buffered = "";
  const waiters: { match: (e: StreamedEvent) => boolean; resolve: (e: StreamedEvent) => void }[] = [];
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const decoder = new TextDecoder();
  const pump = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const chunk = decoder.decode(value, { stream: true });
      text += chunk;
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf("\n\n")) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        opened();
        const data = message
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        if (!data) continue;
        const event = JSON.parse(data) as StreamedEvent;
        events.push(event);
        for (const w of waiters.filter((x) => x.match(event))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    }
  })().catch((err: unknown) => {
    if ((err as { name?: string }).name !== "AbortError") throw err;
  });
  if (res.status === 200) await ready;
  return {
    status: res.status,
    headers: res.headers,
    events,
    raw: () => text,
    waitFor(match, timeoutMs = 5_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching live event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    async close() {
      abort.abort();
      await pump;
    },
  };
}

/** Little-endian fields at their offsets in a buffer of `size` bytes (ZIP headers). */
function fields(size: number, values: [offset: number, bytes: 2 | 4, value: number][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [offset, bytes, value] of values) {
    if (bytes === 2) b.writeUInt16LE(value, offset);
    else b.writeUInt32LE(value, offset);
  }
  return b;
}

/** A ZIP archive of stored (uncompressed) entries, built by hand. */
export function zipOf(entries: { name: string; data: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const crc = zlib.crc32(data);
    // Signature, version, CRC-32, sizes and name length; the central record also points at the local one.
    const local = fields(30, [[0, 4, 0x04034b50], [4, 2, 20], [14, 4, crc], [18, 4, data.length], [22, 4, data.length], [26, 2, name.length]]);
    const central = fields(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [16, 4, crc], [20, 4, data.length], [24, 4, data.length], [28, 2, name.length], [42, 4, offset]]);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = fields(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, cd.length], [16, 4, offset]]);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal Word document whose metadata names its author, as office files do. */
export function docxBytes(author = "Hidden Author"): Buffer {
  return zipOf([
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    { name: "word/document.xml", data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    { name: "docProps/core.xml", data: `<?xml version="1.0"?><cp:coreProperties><dc:creator>${author}</dc:creator></cp:coreProperties>` },
  ]);
}

/** A minimal PDF (detected as application/pdf by its magic bytes). */
export function pdfBytes(): Buffer {
  return Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}

/** A PNG of the given size. */
export function pngBytes(width = 32, height = 32): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 1 } } }).png().toBuffer();
}
