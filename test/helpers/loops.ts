/**
 * Building blocks for tests of tasks, loops and comments: a class with a teacher, a tutor and
 * students, tasks and tags, and loops sent through the public API.
 */
import sharp from "sharp";
import type { TestApp } from "./test-app.js";
import { addTutor, createGroup, createOrganisation, expectStatus, groupCodes, join, register, type Person } from "./world.js";

/** A multipart/form-data body with the loop as JSON text in `loop` and any number of `files`. */
export function multipartLoop(loop: object, files: { name: string; type?: string; data: Buffer }[] = [], opts: { loopLast?: boolean } = {}) {
  const boundary = `----openloop${Math.random().toString(16).slice(2)}`;
  const loopPart = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="loop"\r\n\r\n${JSON.stringify(loop)}\r\n`);
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
  orgId: string;
  groupId: string;
  teacher: Person;
  students: Person[];
  tasks: { id: string; title: string }[];
  tags: { id: string; name: string }[];
}

/** An organisation with a hierarchical class: a teacher (owner), students, two published tasks and a draft, three tags. */
export async function setupClass(t: TestApp, opts: { students?: number; type?: "hierarchical" | "flat"; name?: string; orgName?: string } = {}): Promise<Class> {
  const teacher = await register(t, "Teacher Berg");
  const orgId = await createOrganisation(teacher, opts.orgName ?? "Solskolan");
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
  return { orgId, groupId, teacher, students, tasks, tags };
}

export { addTutor };

/** Sends a JSON loop and returns it. */
export async function sendLoop(p: Person, groupId: string, body: Record<string, unknown> = {}) {
  return expectStatus(await p.client.post(`/api/v1/groups/${groupId}/loops`, { emoji: 4, text: "A good day.", ...body }), 201).loop as {
    id: string;
    [key: string]: unknown;
  };
}
