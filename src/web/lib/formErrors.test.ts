import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { RegisterBody } from "../../shared/schemas/accounts.js";
import { CreateGroupBody } from "../../shared/schemas/groups.js";
import { ApiError, parseRetryAfter } from "../api/client.js";
import en from "../i18n/en.json" with { type: "json" };
import sv from "../i18n/sv.json" with { type: "json" };
import { checkWithSchema, describeError, errorMessage } from "./formErrors.js";

const i18n = i18next.createInstance();
beforeAll(async () => {
  z.config({ jitless: true });
  await i18n.init({ lng: "en", resources: { en: { translation: en }, sv: { translation: sv } }, interpolation: { escapeValue: false } });
});

describe("form errors", () => {
  it("should put the server's field problems next to their fields, in the user's language", () => {
    const error = new ApiError({ status: 400, code: "validation", message: "", fields: { password: "too_short", name: "required" } });
    const wording = describeError(error, ["name", "email", "password"]);
    expect(wording(i18n.getFixedT("en"))).toEqual({
      fields: { password: "Use at least 8 characters.", name: "Enter your name." },
    });
    expect(wording(i18n.getFixedT("sv")).fields.password).toBe("Använd minst 8 tecken.");
  });

  it("should attach a taken e-mail address to the e-mail field and still explain what to do", () => {
    const error = new ApiError({ status: 409, code: "email_taken", message: "" });
    const result = describeError(error, ["name", "email", "password"])(i18n.getFixedT("en"));
    expect(result.fields.email).toBe("An account with this address already exists.");
    expect(result.message).toMatch(/Sign in instead, or reset your password/);
  });

  it("should say how many minutes to wait after too many attempts", () => {
    const t = i18n.getFixedT("en");
    expect(errorMessage(t, new ApiError({ status: 429, code: "rate_limited", message: "", retryAfterSeconds: 900 }))).toBe(
      "Too many attempts. Try again in 15 minutes.",
    );
    expect(errorMessage(t, new ApiError({ status: 429, code: "rate_limited", message: "", retryAfterSeconds: 30 }))).toBe(
      "Too many attempts. Try again in 1 minute.",
    );
    expect(errorMessage(i18n.getFixedT("sv"), new ApiError({ status: 429, code: "rate_limited", message: "", retryAfterSeconds: 120 }))).toBe(
      "För många försök. Försök igen om 2 minuter.",
    );
    expect(parseRetryAfter("90")).toBe(90);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50);
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("should check the shared schema before sending, with the same problem codes as the server", () => {
    const wording = checkWithSchema(RegisterBody, { name: " ", email: "not-an-address", password: "short" });
    expect(wording?.(i18n.getFixedT("en"))).toEqual({
      fields: {
        name: "Enter your name.",
        email: "Enter an e-mail address like name@example.org.",
        password: "Use at least 8 characters.",
      },
    });
    expect(checkWithSchema(RegisterBody, { name: "Ada", email: "ada@example.org", password: "long enough" })).toBeNull();
  });

  it("should word unknown codes as a general problem rather than showing a code", () => {
    const t = i18n.getFixedT("en");
    expect(errorMessage(t, new ApiError({ status: 418, code: "teapot", message: "" }))).toBe("Something went wrong. Try again.");
    expect(errorMessage(t, new Error("boom"))).toBe("Something went wrong. Try again.");
  });

  it("should put problems of nested or renamed API fields next to the form's own fields", () => {
    const t = i18n.getFixedT("en");
    const aliases = { name: "groupName", "roleTitles.leader.sv": "leaderSv" };
    const error = new ApiError({ status: 400, code: "validation", message: "", fields: { name: "too_long", "roleTitles.leader.sv": "required" } });
    expect(describeError(error, ["groupName", "leaderSv"], aliases)(t)).toEqual({
      fields: { groupName: "Use at most 120 characters for the name.", leaderSv: "Enter what leaders are called in Swedish." },
    });
    const body = {
      name: " ",
      type: "flat",
      hasStudentMembers: false,
      roleTitles: { leader: { en: "Coach", sv: "" }, sender: { en: "Player", sv: "Spelare" } },
    };
    expect(checkWithSchema(CreateGroupBody, body, aliases)?.(t)).toEqual({
      fields: { groupName: "Give the group a name.", leaderSv: "Enter what leaders are called in Swedish." },
    });
  });
});
