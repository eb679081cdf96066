/** Form state for the small forms of the app: values, translated errors, and the counter that
 * moves focus to the error summary after each failed submit. */
import { useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { NO_ERRORS, type DescribeErrors } from "./formErrors.js";

export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const { t } = useTranslation();
  const [describe, setDescribe] = useState<DescribeErrors | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  // Worded at render time, in the language shown now.
  const errors = describe ? describe(t) : NO_ERRORS;

  return {
    values,
    errors,
    focusKey,
    /** value + onChange for a controlled input; editing a field clears its error. */
    bind(name: keyof T & string) {
      return {
        name,
        value: values[name],
        onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
          const value = event.target.value;
          setValues((current) => ({ ...current, [name]: value }));
        },
        error: errors.fields[name],
      };
    },
    /** Sets one value from code (e.g. a default that follows another choice). */
    set(name: keyof T & string, value: string) {
      setValues((current) => ({ ...current, [name]: value }));
    },
    fail(next: DescribeErrors) {
      // A function in state must be wrapped, or React would call it as an updater.
      setDescribe(() => next);
      setFocusKey((key) => key + 1);
    },
    clearErrors() {
      setDescribe(null);
    },
    reset(next: T = initial) {
      setValues(next);
      setDescribe(null);
    },
  };
}
