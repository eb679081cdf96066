/**
 * The organisation's sign-in rule (issue 8) on its settings page: which ways in its members may
 * use (password, the server's provider) and a Workspace domain provider accounts must belong to.
 * Saving signs out members whose sessions break the new rule; the section says so before and after.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { WorkspaceDomain, WORKSPACE_DOMAIN_MAX_LENGTH, type Organisation, type SignInRule } from "../../shared/schemas/organisations.js";
import { ApiError } from "../api/client.js";
import { updateSignInRule } from "../api/organisations.js";
import { errorMessage, type FormErrors } from "../lib/formErrors.js";
import { organisationKey, organisationsKey } from "../lib/queryClient.js";
import { ErrorSummary, LiveStatus, QueryView } from "./Messages.js";
import { Field, FieldError } from "./Field.js";
import { useSignInMethods } from "./SignInWithProvider.js";

const IDS = {
  methods: "sign-in-rule-password",
  password: "sign-in-rule-password",
  oidc: "sign-in-rule-oidc",
  domain: "sign-in-rule-domain",
};

type Problem = "none_left" | "provider_missing" | "domain_invalid" | "domain_without_provider" | "own_session";

/** What went wrong, kept as codes so a language switch re-words it. */
interface Problems {
  methods?: Problem;
  domain?: Problem;
  /** A sentence for the whole form (the own-session refusal, or any other error). */
  summary?: Problem | { error: unknown };
}

function problemsOfApiError(error: unknown): Problems {
  if (!(error instanceof ApiError)) return { summary: { error } };
  if (error.code === "sign_in_method_not_allowed") return { summary: "own_session" };
  const problems: Problems = {};
  const fields = error.fields;
  if (fields["signIn.password"] || fields["signIn.oidc"]) problems.methods = fields["signIn.oidc"] === "not_allowed" ? "provider_missing" : "none_left";
  if (fields["signIn.requiredDomain"]) problems.domain = fields["signIn.requiredDomain"] === "not_allowed" ? "domain_without_provider" : "domain_invalid";
  if (!problems.methods && !problems.domain) problems.summary = { error };
  return problems;
}

function describe(t: TFunction, problems: Problems, provider: string): FormErrors {
  const word = (problem: Problem) => t(`signInRules.problems.${problem}`, { provider });
  const fields: Partial<Record<string, string>> = {};
  if (problems.methods) fields.methods = word(problems.methods);
  if (problems.domain) fields.domain = word(problems.domain);
  const summary = problems.summary;
  return {
    fields,
    ...(summary === undefined ? {} : { message: typeof summary === "string" ? word(summary) : errorMessage(t, summary.error) }),
  };
}

/** "Members who sign in another way are signed out and asked to sign in with …". */
function consequence(t: TFunction, rule: { password: boolean; oidc: boolean; domain: string }, provider: string): string {
  if (rule.password && rule.oidc && !rule.domain) return t("signInRules.consequence.open", { provider });
  const ways: string[] = [];
  if (rule.oidc) ways.push(rule.domain ? t("signInRules.way.providerDomain", { provider, domain: rule.domain }) : t("signInRules.way.provider", { provider }));
  if (rule.password) ways.push(t("signInRules.way.password"));
  if (ways.length === 0) return t("signInRules.problems.none_left");
  return t("signInRules.consequence.restricted", { ways: ways.join(t("signInRules.way.or")) });
}

/** The domain as it will be stored, or "" while what is typed is not one yet. */
function validDomain(typed: string): string {
  const parsed = WorkspaceDomain.safeParse(typed);
  return parsed.success ? parsed.data : "";
}

/** The section; nothing for someone the server does not show the rule to. */
export function SignInRuleSection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const methods = useSignInMethods();
  if (!organisation.signIn) return null;
  const rule = organisation.signIn;
  return (
    <section className="card" aria-labelledby="sign-in-rule-title">
      <div className="card-header">
        <h2 id="sign-in-rule-title">{t("signInRules.title")}</h2>
        <p className="muted">{t("signInRules.lead")}</p>
      </div>
      <QueryView query={methods}>
        {(offered) => <SignInRuleForm organisation={organisation} rule={rule} providerEnabled={offered.oidc.enabled} provider={offered.oidc.name} />}
      </QueryView>
    </section>
  );
}

function SignInRuleForm(props: { organisation: Organisation; rule: SignInRule; providerEnabled: boolean; provider: string }) {
  const { organisation, rule, providerEnabled, provider } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState(rule.password);
  // Without a provider its box is shown off whatever is stored: nobody can use it.
  const [oidc, setOidc] = useState(rule.oidc && providerEnabled);
  const [domain, setDomain] = useState(rule.requiredDomain ?? "");
  const [problems, setProblems] = useState<Problems>({});
  const [focusKey, setFocusKey] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);
  const errors = describe(t, problems, provider);

  const fail = (next: Problems) => {
    setProblems(next);
    setFocusKey((key) => key + 1);
  };

  const mutation = useMutation({
    mutationFn: (signIn: Parameters<typeof updateSignInRule>[1]) => updateSignInRule(organisation.id, signIn),
    onSuccess: async ({ organisation: updated, sessionsEnded }) => {
      setSaved(sessionsEnded ?? 0);
      setDomain(updated.signIn?.requiredDomain ?? "");
      queryClient.setQueryData(organisationKey(organisation.id), updated);
      await queryClient.invalidateQueries({ queryKey: organisationsKey, exact: true });
    },
    onError: (error) => fail(problemsOfApiError(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(null);
    if (!password && !oidc) return fail({ methods: providerEnabled ? "none_left" : "provider_missing" });
    const trimmed = domain.trim();
    const parsed = oidc && trimmed !== "" ? WorkspaceDomain.safeParse(trimmed) : null;
    if (parsed && !parsed.success) return fail({ domain: "domain_invalid" });
    setProblems({});
    // Without a provider only the password box means anything; the stored provider choice stays.
    mutation.mutate(providerEnabled ? { password, oidc, requiredDomain: oidc && parsed?.success ? parsed.data : null } : { password });
  };

  const methodsError = errors.fields.methods;
  const domainError = errors.fields.domain;
  const described = (...ids: Array<string | false>) => ids.filter(Boolean).join(" ") || undefined;
  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} fieldIds={{ methods: IDS.methods, domain: IDS.domain }} focusKey={focusKey} />
      <fieldset className="fieldset" aria-describedby={described("sign-in-rule-consequence", !!methodsError && "sign-in-rule-methods-error")}>
        <legend className="fieldset-legend field-label">{t("signInRules.legend")}</legend>
        <div className="check-field">
          <input id={IDS.password} type="checkbox" checked={password} onChange={(event) => setPassword(event.target.checked)} aria-invalid={methodsError ? true : undefined} />
          <label className="field-label" htmlFor={IDS.password}>
            {t("signInRules.password")}
          </label>
        </div>
        <div className="check-field">
          <input
            id={IDS.oidc}
            type="checkbox"
            checked={oidc}
            disabled={!providerEnabled}
            onChange={(event) => setOidc(event.target.checked)}
            aria-invalid={methodsError ? true : undefined}
            aria-describedby={providerEnabled ? undefined : "sign-in-rule-oidc-hint"}
          />
          <div>
            <label className="field-label" htmlFor={IDS.oidc}>
              {provider}
            </label>
            {providerEnabled ? null : (
              <p className="field-hint" id="sign-in-rule-oidc-hint">
                {t("signInRules.providerMissing", { provider })}
              </p>
            )}
          </div>
        </div>
        <FieldError id="sign-in-rule-methods-error" message={methodsError} />
      </fieldset>
      {oidc && providerEnabled ? (
        <Field
          id={IDS.domain}
          label={t("signInRules.domain.label", { provider })}
          hint={t("signInRules.domain.hint", { provider })}
          error={domainError}
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          inputMode="url"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          maxLength={WORKSPACE_DOMAIN_MAX_LENGTH}
          placeholder={t("signInRules.domain.placeholder")}
        />
      ) : null}
      <p className="field-hint" id="sign-in-rule-consequence">
        {consequence(t, { password, oidc, domain: oidc ? validDomain(domain) : "" }, provider)}
      </p>
      <LiveStatus message={saved === null ? null : t("signInRules.saved", { count: saved })} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? t("signInRules.submitting") : t("signInRules.submit")}
        </button>
      </div>
    </form>
  );
}
