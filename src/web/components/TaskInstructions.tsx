/** A task's instructions: plain-text paragraphs, with web addresses as links that open safely. */
import { Fragment } from "react";
import { linkify } from "../lib/linkify.js";

export function TaskInstructions({ text, className }: { text: string; className?: string }) {
  const paragraphs = linkify(text);
  if (paragraphs.length === 0) return null;
  return (
    <div className={["task-instructions", className].filter(Boolean).join(" ")}>
      {paragraphs.map((lines, p) => (
        <p key={p}>
          {lines.map((pieces, l) => (
            <Fragment key={l}>
              {l > 0 ? <br /> : null}
              {pieces.map((piece, i) =>
                piece.kind === "link" ? (
                  <a key={i} href={piece.href} target="_blank" rel="noopener noreferrer">
                    {piece.text}
                  </a>
                ) : (
                  <Fragment key={i}>{piece.text}</Fragment>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}
