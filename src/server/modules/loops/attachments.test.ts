import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { expectLikeMissing, expectStatus, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import {
  addTutor,
  countRows,
  docxBytes,
  jpegWithGps,
  loopBlobs,
  multipartLoop,
  pdfBytes,
  pngBytes,
  setupClass,
  type Class,
} from "../../../../test/helpers/loops.js";
import type { Loop } from "../../../shared/schemas/loops.js";

type File = { name: string; type?: string; data: Buffer };
const api = (rest: string) => `/api/v1${rest}`;

/** Sends a multipart loop and returns the raw response. */
function post(p: Person, groupId: string, loop: object, files: File[]) {
  const form = multipartLoop(loop, files);
  return p.client.post(api(`/groups/${groupId}/loops`), form.payload, form.headers);
}

/** Asserts the refusal and that it left no loop row, no attachment row and no blob. */
async function expectRefused(t: TestApp, send: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, code: string, fields?: object) {
  const before = { loops: await countRows(t, "loops"), attachments: await countRows(t, "attachments"), blobs: await loopBlobs(t) };
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; fields?: object } };
  expect(body.error.code).toBe(code);
  if (fields) expect(body.error.fields).toEqual(fields);
  expect({ loops: await countRows(t, "loops"), attachments: await countRows(t, "attachments"), blobs: await loopBlobs(t) }).toEqual(before);
}

describe("attachments", () => {
  let t: TestApp;
  let c: Class;
  let student: Person;
  let other: Person;
  let tutor: Person;
  let foreign: Class;

  beforeAll(async () => {
    t = await createTestApp();
    c = await setupClass(t, { students: 2, withAdmin: true });
    [student, other] = c.students as [Person, Person];
    tutor = await register(t, "Tora Tutor");
    await addTutor(t, c.teacher, c.groupId, tutor);
    foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
  });
  afterAll(async () => t.close());

  it("should require authentication to download", async () => {
    const loop = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, [{ name: "a.png", data: await pngBytes() }]), 201).loop;
    const visitor = t.client();
    for (const url of [loop.attachments[0]!.url, loop.attachments[0]!.thumbnailUrl!]) {
      const res = await visitor.get(url);
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
    }
  });

  it("should re-encode an image without EXIF, XMP, ICC or its name, with a thumbnail", async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const loop = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, [{ name: "IMG_2041 Grandma's house.jpg", type: "image/jpeg", data: photo }]), 201).loop;
    const [a] = loop.attachments;
    expect(a).toMatchObject({ kind: "image", mime: "image/webp", name: "image-1.webp", width: 64, height: 48 });
    expect(a!.thumbnailUrl).toBe(`${a!.url}?variant=thumbnail`);
    for (const [url, name] of [
      [a!.url, "image-1.webp"],
      [a!.thumbnailUrl!, "thumbnail-image-1.webp"],
      [`${a!.url}?variant=original`, "image-1.webp"],
    ] as const) {
      const res = await c.teacher.client.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("image/webp");
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      for (const marker of ["Exif", "GPS", "SecretPhoneMaker", "Model X", "Hidden Artist", "Grandma", "IMG_2041"]) {
        expect(res.rawPayload.includes(Buffer.from(marker)), marker).toBe(false);
      }
    }
    expect(a!.size).toBe((await c.teacher.client.get(a!.url)).rawPayload.length);
  });

  it("should shrink a large image and make a small thumbnail", async () => {
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: "#336699" } }).png().toBuffer();
    const loop = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, [{ name: "wide.png", data: big }]), 201).loop;
    expect(loop.attachments[0]).toMatchObject({ width: 2560, height: 1280 });
    const thumb = await sharp((await c.teacher.client.get(loop.attachments[0]!.thumbnailUrl!)).rawPayload).metadata();
    expect([thumb.width, thumb.height]).toEqual([480, 240]);
  });

  it("should keep documents and text as sent, under a clean name, for download only", async () => {
    const loop = expectStatus<{ loop: Loop }>(
      await post(student, c.groupId, { emoji: 4, text: "my work" }, [
        { name: "Räkna: svar?.pdf", type: "application/pdf", data: pdfBytes() },
        { name: "essay.docx", data: docxBytes() },
        { name: "C:\\Users\\kid\\notes.txt", type: "text/plain", data: Buffer.from("Line one\nrad två\n") },
        { name: "<script>alert(1)</script>.html.txt", type: "text/html", data: Buffer.from("<script>alert(1)</script>") },
      ]),
      201,
    ).loop;
    expect(loop.attachments.map((a) => [a.kind, a.mime, a.name, a.thumbnailUrl])).toEqual([
      ["pdf", "application/pdf", "Räkna svar.pdf", null],
      ["document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "essay.docx", null],
      ["text", "text/plain", "notes.txt", null],
      ["text", "text/plain", "script.html.txt", null],
    ]);
    const pdf = await c.teacher.client.get(loop.attachments[0]!.url);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe(`attachment; filename="R_kna svar.pdf"; filename*=UTF-8''${encodeURIComponent("Räkna svar.pdf")}`);
    expect(pdf.headers["x-content-type-options"]).toBe("nosniff");
    expect(pdf.headers["content-security-policy"]).toContain("sandbox");
    expect(pdf.rawPayload.equals(pdfBytes())).toBe(true);
    const html = await c.teacher.client.get(loop.attachments[3]!.url);
    expect(html.headers["content-type"]).toMatch(/^text\/plain/);
    expect(html.headers["content-disposition"]).toMatch(/^attachment;/);
    // A document has no thumbnail.
    expect((await c.teacher.client.get(`${loop.attachments[0]!.url}?variant=thumbnail`)).statusCode).toBe(404);
  });

  it("should let only readers of the loop download its files", async () => {
    const loop = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, [{ name: "a.png", data: await pngBytes() }]), 201).loop;
    const elsewhere = expectStatus<{ loop: Loop }>(await post(other, c.groupId, { emoji: 3 }, [{ name: "b.png", data: await pngBytes() }]), 201).loop;
    const a = loop.attachments[0]!;
    for (const p of [student, c.teacher, tutor]) expect((await p.client.get(a.url)).statusCode).toBe(200);
    const missingFile = api(`/loops/${loop.id}/attachments/${MISSING_ID}`);
    const missingLoop = api(`/loops/${MISSING_ID}/attachments/${a.id}`);
    for (const p of [other, c.admin!, foreign.teacher, foreign.students[0]!]) {
      await expectLikeMissing(p.client, "GET", a.url, missingLoop);
      await expectLikeMissing(p.client, "GET", a.thumbnailUrl!, missingLoop);
    }
    // A file asked for through another loop's address is not found, even by a reader of both.
    await expectLikeMissing(c.teacher.client, "GET", api(`/loops/${elsewhere.id}/attachments/${a.id}`), missingFile);
    await expectLikeMissing(c.teacher.client, "GET", api(`/loops/${loop.id}/attachments/${MISSING_ID}`), missingLoop);
    expect((await c.teacher.client.get(`${a.url}?variant=poster`)).statusCode).toBe(400);
  });

  it("should refuse a file whose name and content disagree (415), storing nothing", async () => {
    for (const file of [
      { name: "homework.jpg", type: "image/jpeg", data: pdfBytes() },
      { name: "photo.pdf", type: "application/pdf", data: await jpegWithGps() },
      { name: "notes.jpg", data: Buffer.from("just some words") },
      { name: "essay.pdf", data: docxBytes() },
    ]) {
      await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, [file]), 415, "attachment_type_refused");
    }
  });

  it("should refuse unknown binaries, executables, HTML and broken images (415)", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    for (const file of [
      { name: "blob.bin", data: Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 0, 9]) },
      { name: "noext", data: Buffer.from([0, 159, 146, 150, 0, 0]) },
      { name: "tool", data: elf },
      { name: "page.html", type: "text/html", data: Buffer.from("<html><script>alert(1)</script></html>") },
      { name: "image.svg", type: "image/svg+xml", data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
      { name: "broken.jpg", data: (await jpegWithGps()).subarray(0, 40) },
      { name: "empty.txt", data: Buffer.alloc(0) },
      { name: "latin1.txt", data: Buffer.from([0x68, 0xe5, 0x6c, 0x6c, 0xf6]) },
    ]) {
      await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, [file]), 415, "attachment_type_refused");
    }
  });

  it("should take images and plain text only on an anonymous loop (415 for documents)", async () => {
    for (const file of [
      { name: "essay.docx", data: docxBytes("Student 1") },
      { name: "scan.pdf", data: pdfBytes() },
    ]) {
      await expectRefused(t, () => post(student, c.groupId, { emoji: 3, anonymous: true }, [file]), 415, "attachment_type_refused");
    }
    const loop = expectStatus<{ loop: Loop }>(
      await post(student, c.groupId, { emoji: 3, anonymous: true }, [
        { name: "Student 1 diary.txt", data: Buffer.from("a quiet day") },
        { name: "Student 1.png", data: await pngBytes() },
      ]),
      201,
    ).loop;
    expect(loop.attachments.map((a) => a.name)).toEqual(["text-1.txt", "image-2.webp"]);
  });

  it("should refuse a second loop field, which could turn a loop anonymous after its files were let in", async () => {
    const boundary = "----openlooptwice";
    const field = (body: object) => `--${boundary}\r\nContent-Disposition: form-data; name="loop"\r\n\r\n${JSON.stringify(body)}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(field({ emoji: 3 })),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="Student 1 essay.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      docxBytes("Student 1"),
      Buffer.from("\r\n"),
      Buffer.from(field({ emoji: 3, anonymous: true })),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const headers = { "content-type": `multipart/form-data; boundary=${boundary}` };
    await expectRefused(t, () => student.client.post(api(`/groups/${c.groupId}/loops`), payload, headers), 400, "validation", { loop: "invalid" });
  });

  it("should refuse an eleventh file (400 files: too_many), storing nothing", async () => {
    const png = await pngBytes(8, 8);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.png`, data: png }));
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, eleven), 400, "validation", { files: "too_many" });
    const ten = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, eleven.slice(0, 10)), 201).loop;
    expect(ten.attachments.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `image-${i + 1}.webp`));
  });

  it("should delete the files already stored when a later file is refused", async () => {
    const files = [
      { name: "one.png", data: await pngBytes() },
      { name: "two.txt", data: Buffer.from("two") },
      { name: "three.jpg", data: pdfBytes() },
    ];
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, files), 415, "attachment_type_refused");
  });

  it("should delete the stored files when the loop itself is refused", async () => {
    const files = [{ name: "one.png", data: await pngBytes() }];
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3, tagIds: [foreign.tags[0]!.id] }, files), 400, "validation", { tagIds: "invalid_value" });
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3, taskId: c.tasks[2]!.id }, files), 400, "validation", { taskId: "invalid_value" });
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3, taskId: c.tasks[0]!.id, anonymous: true }, files), 400, "validation", { anonymous: "not_allowed" });
    await expectRefused(t, () => post(c.teacher, c.groupId, { emoji: 3 }, files), 403, "forbidden");
  });
});

describe("attachment size limit", () => {
  let t: TestApp;
  let c: Class;
  beforeAll(async () => {
    t = await createTestApp({ env: { MAX_ATTACHMENT_MB: "1" } });
    c = await setupClass(t, { students: 1 });
  });
  afterAll(async () => t.close());

  it("should refuse a file over the limit (413), storing nothing, also after accepted files", async () => {
    const student = c.students[0]!;
    const tooBig = { name: "big.txt", data: Buffer.alloc(1024 * 1024 + 1, "a") };
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, [tooBig]), 413, "attachment_too_large");
    const png = await pngBytes();
    await expectRefused(t, () => post(student, c.groupId, { emoji: 3 }, [{ name: "ok.png", data: png }, tooBig]), 413, "attachment_too_large");
    const justFits = expectStatus<{ loop: Loop }>(await post(student, c.groupId, { emoji: 3 }, [{ name: "fits.txt", data: Buffer.alloc(1024 * 1024, "a") }]), 201).loop;
    expect(justFits.attachments[0]!.size).toBe(1024 * 1024);
  });
});
