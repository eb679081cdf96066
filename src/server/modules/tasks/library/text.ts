/** Joins paragraphs into a task's instructions: plain text, paragraphs separated by a blank line. */
export const paragraphs = (...ps: string[]): string => ps.join("\n\n");
