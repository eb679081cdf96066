/**
 * The outcome of a section's last action (saved, removed, refused…). Success is kept as a
 * translation key and values, and failure as the error itself, so a language switch re-words
 * what is on screen.
 */
import { useState } from "react";

export interface StatusMessage {
  key: string;
  values?: Record<string, unknown>;
  tone?: "success" | "info";
}

export interface FeedbackState {
  status: StatusMessage | null;
  error: unknown;
}

export function useFeedback() {
  const [state, setState] = useState<FeedbackState>({ status: null, error: null });
  return {
    state,
    clear: () => setState({ status: null, error: null }),
    succeed: (key: string, values?: Record<string, unknown>, tone?: StatusMessage["tone"]) =>
      setState({ status: { key, values, tone }, error: null }),
    fail: (error: unknown) => setState({ status: null, error }),
    /**
     * Runs an action: the last outcome is cleared first, a failure is kept to be shown. The
     * action calls `succeed` itself when it has something to say. True when it succeeded.
     */
    async run(action: () => Promise<unknown>): Promise<boolean> {
      setState({ status: null, error: null });
      try {
        await action();
        return true;
      } catch (error) {
        setState({ status: null, error });
        return false;
      }
    },
  };
}

export type Feedback = ReturnType<typeof useFeedback>;
