/**
 * Text people wrote in a loop or a comment: plain paragraphs with web addresses as links, the
 * same rendering as task instructions (nothing in the text is interpreted as markup).
 */
import { TaskInstructions } from "./TaskInstructions.js";

export function LoopText({ text, className }: { text: string; className?: string }) {
  return <TaskInstructions text={text} className={["loop-text", className].filter(Boolean).join(" ")} />;
}
