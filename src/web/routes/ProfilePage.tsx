import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, FileArchive, ImagePlus, MonitorSmartphone, Trash2, UserX } from "lucide-react";
import { Link } from "react-router";
import {
  ChangeEmailBody,
  ChangePasswordBody,
  MAX_PICTURE_BYTES,
  UpdateProfileBody,
  type Language,
  type User,
} from "../../shared/schemas/accounts.js";
import { changeEmail, changePassword, removePicture, updateProfile, uploadPicture } from "../api/accounts.js";
import { ApiError } from "../api/client.js";
import { getMyIdentities, myIdentitiesKey } from "../api/identities.js";
import { LANGUAGES } from "../i18n/index.js";
import { Avatar } from "../components/Avatar.js";
import { CrashReportSetting } from "../components/CrashReportSetting.js";
import { ChoiceGroup, EmailField, Field, FieldError, PasswordField } from "../components/Field.js";
import { ErrorSummary, LiveStatus, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { ProviderReauthentication, type Confirmed } from "../components/ProviderReauthentication.js";
import { SignInMethodsSection } from "../components/SignInMethodsSection.js";
import { checkWithSchema, describeError, errorMessage } from "../lib/formErrors.js";
import { usePageTitle, useUser } from "../lib/hooks.js";
import { meKey, sessionsKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", sv: "Svenska" };

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t("profile.title"));
  const user = useUser();
  return (
    <div className="page page-wide">
      <PageHeading lead={t("profile.lead")}>{t("profile.title")}</PageHeading>
      <div className="profile-grid">
        <DetailsSection user={user} />
        <PictureSection user={user} />
        <PasswordSection />
        <SignInMethodsSection />
        <EmailSection user={user} />
        <section className="card" aria-labelledby="notifications-title">
          <h2 id="notifications-title">{t("notificationSettings.profileTitle")}</h2>
          <p>{t("notificationSettings.profileLead")}</p>
          <p>
            <Link to="/profile/notifications" className="button">
              <Bell size={18} aria-hidden="true" />
              {t("notificationSettings.profileLink")}
            </Link>
          </p>
        </section>
        <CrashReportSetting user={user} />
        <section className="card" aria-labelledby="data-export-title">
          <h2 id="data-export-title">{t("dataExports.profileTitle")}</h2>
          <p>{t("dataExports.profileLead")}</p>
          <p>
            <Link to="/profile/data" className="button">
              <FileArchive size={18} aria-hidden="true" />
              {t("dataExports.profileLink")}
            </Link>
          </p>
        </section>
        <section className="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t("profile.sessions.title")}</h2>
          <p>{t("profile.sessions.lead")}</p>
          <p>
            <Link to="/sessions" className="button">
              <MonitorSmartphone size={18} aria-hidden="true" />
              {t("profile.sessions.link")}
            </Link>
          </p>
        </section>
        <section className="card" aria-labelledby="erasure-title">
          <h2 id="erasure-title">{t("erasure.profileTitle")}</h2>
          <p>{t("erasure.profileLead")}</p>
          <p>
            <Link to="/profile/delete" className="button">
              <UserX size={18} aria-hidden="true" />
              {t("erasure.profileLink")}
            </Link>
          </p>
        </section>
      </div>
    </div>
  );
}

function useSetMe() {
  const queryClient = useQueryClient();
  return (user: User) => queryClient.setQueryData<User | null>(meKey, user);
}

function DetailsSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  const form = useForm({ name: user.name });
  const [saved, setSaved] = useState(false);
  const [language, setLanguage] = useState<Language>(user.language);
  // When the saved profile changes elsewhere (the header's language switch, another tab), take
  // over what changed, so this form never saves stale values back. Done while rendering rather
  // than by re-mounting, so keyboard focus stays where it is.
  const [seen, setSeen] = useState({ name: user.name, language: user.language });
  if (seen.name !== user.name || seen.language !== user.language) {
    if (seen.name !== user.name) form.reset({ name: user.name });
    if (seen.language !== user.language) setLanguage(user.language);
    setSeen({ name: user.name, language: user.language });
  }
  const mutation = useMutation({
    mutationFn: updateProfile,
    onSuccess: (updated) => {
      setSaved(true);
      setMe(updated);
    },
    onError: (error) => form.fail(describeError(error, ["name", "language"])),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const body = { name: form.values.name, language };
    const problems = checkWithSchema(UpdateProfileBody, body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(body);
  };

  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{t("profile.details.title")}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={{ name: "details-name" }} focusKey={form.focusKey} />
        <Field
          id="details-name"
          label={t("profile.details.name")}
          hint={t("profile.details.nameHint")}
          autoComplete="name"
          {...form.bind("name")}
        />
        <ChoiceGroup
          name="language"
          legend={t("profile.details.language")}
          value={language}
          onChange={setLanguage}
          choices={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <LiveStatus message={saved ? t("profile.details.saved") : null} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("profile.details.submitting") : t("profile.details.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

const MAX_MB = Math.round(MAX_PICTURE_BYTES / (1024 * 1024));

function PictureSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  const inputRef = useRef<HTMLInputElement>(null);
  // Kept untranslated, so a language switch re-words what is on screen.
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<"uploaded" | "removed" | null>(null);
  const upload = useMutation({
    mutationFn: uploadPicture,
    onSuccess: (updated) => {
      setMe(updated);
      setStatus("uploaded");
    },
    onError: (err) => setError(err),
  });
  const remove = useMutation({
    mutationFn: removePicture,
    onSuccess: (updated) => {
      setMe(updated);
      setStatus("removed");
      inputRef.current?.focus();
    },
    onError: (err) => setError(err),
  });
  const busy = upload.isPending || remove.isPending;

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clearing the input lets the same file be chosen again after an error.
    event.target.value = "";
    if (!file || busy) return;
    setError(null);
    setStatus(null);
    if (file.size > MAX_PICTURE_BYTES) {
      setError(new ApiError({ status: 413, code: "payload_too_large", message: "" }));
      return;
    }
    upload.mutate(file);
  };

  let label = user.pictureUrl ? t("profile.picture.replace") : t("profile.picture.upload");
  if (upload.isPending) label = t("profile.picture.uploading");

  return (
    <section className="card" aria-labelledby="picture-title">
      <div className="card-header">
        <h2 id="picture-title">{t("profile.picture.title")}</h2>
        <p className="muted" id="picture-hint">
          {t("profile.picture.hint", { maxMb: MAX_MB })}
        </p>
      </div>
      <div className="picture-row">
        <Avatar user={user} alt={t("profile.picture.alt")} />
        <div className="stack">
          {user.pictureUrl ? null : <p className="muted small">{t("profile.picture.none")}</p>}
          <div className="picture-actions">
            <span>
              <input
                ref={inputRef}
                id="picture-file"
                className="file-input"
                type="file"
                accept="image/*"
                aria-disabled={busy || undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={["picture-hint", error ? "picture-error" : ""].filter(Boolean).join(" ")}
                onChange={onFile}
              />
              <label htmlFor="picture-file" className="button" data-disabled={busy || undefined}>
                <ImagePlus size={18} aria-hidden="true" />
                {label}
              </label>
            </span>
            {user.pictureUrl ? (
              <button
                type="button"
                className="button button-danger"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setStatus(null);
                  remove.mutate();
                }}
              >
                <Trash2 size={18} aria-hidden="true" />
                {remove.isPending ? t("profile.picture.removing") : t("profile.picture.remove")}
              </button>
            ) : null}
          </div>
          <div role="alert" className={error ? undefined : "visually-hidden"}>
            <FieldError id="picture-error" message={error ? errorMessage(t, error) : undefined} />
          </div>
        </div>
      </div>
      <LiveStatus message={status ? t(`profile.picture.${status}`) : null} />
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  // An account made with a sign-in provider has no password to change until one is set by a reset link.
  const mine = useQuery({ queryKey: myIdentitiesKey, queryFn: getMyIdentities });
  if (mine.data?.hasPassword === false) {
    return (
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("profile.password.title")}</h2>
        <p>{t("identities.profile.noPasswordLead")}</p>
        <p>
          <Link to="/forgot-password">{t("identities.profile.passwordReset")}</Link>
        </p>
      </section>
    );
  }
  return <ChangePasswordSection />;
}

function ChangePasswordSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ currentPassword: "", newPassword: "" });
  const [done, setDone] = useState(false);
  const ids = { currentPassword: "password-current", newPassword: "password-new" };
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      form.reset();
      setDone(true);
      // Other sessions ended; the sessions page must not show them.
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => form.fail(describeError(error, ["currentPassword", "newPassword"])),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setDone(false);
    const problems = checkWithSchema(ChangePasswordBody, form.values);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(form.values);
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t("profile.password.title")}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
        <PasswordField
          id={ids.currentPassword}
          label={t("profile.password.current")}
          autoComplete="current-password"
          {...form.bind("currentPassword")}
        />
        <PasswordField
          id={ids.newPassword}
          label={t("profile.password.new")}
          autoComplete="new-password"
          showRules
          {...form.bind("newPassword")}
        />
        <LiveStatus message={done ? t("profile.password.changed") : null} />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("profile.password.submitting") : t("profile.password.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

function EmailSection({ user }: { user: User }) {
  const { t } = useTranslation();
  // An account made with a sign-in provider has no password: it confirms at the provider instead.
  const mine = useQuery({ queryKey: myIdentitiesKey, queryFn: getMyIdentities });
  return (
    <section className="card" aria-labelledby="email-title">
      <div className="card-header">
        <h2 id="email-title">{t("profile.email.title")}</h2>
        <p className="muted">{t("profile.email.current", { email: user.email })}</p>
      </div>
      {mine.data?.hasPassword === false ? (
        <ProviderReauthentication
          mine={mine.data}
          returnTo="/profile"
          lead={(provider) => t("identities.email.lead", { provider })}
          stale={(provider) => t("identities.email.stale", { provider })}
        >
          {(confirmed) => <EmailForm confirmed={confirmed} />}
        </ProviderReauthentication>
      ) : (
        <EmailForm />
      )}
    </section>
  );
}

/** The new address and the password (or, `confirmed`, the note that the person confirmed at the provider). */
function EmailForm({ confirmed }: { confirmed?: Confirmed }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ newEmail: "", currentPassword: "" });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const ids = { newEmail: "email-new", currentPassword: "email-password" };
  const mutation = useMutation({
    mutationFn: changeEmail,
    onSuccess: (_data, body) => {
      setSentTo(body.newEmail);
      form.reset();
    },
    onError: (error) => {
      // The confirmation at the provider ran out meanwhile: the section asks for it again.
      if (error instanceof ApiError && error.code === "reauthentication_required") void queryClient.invalidateQueries({ queryKey: myIdentitiesKey });
      form.fail(describeError(error, confirmed ? ["newEmail"] : ["newEmail", "currentPassword"]));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSentTo(null);
    const body = confirmed ? { newEmail: form.values.newEmail } : form.values;
    const problems = checkWithSchema(ChangeEmailBody, body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate({ ...body, newEmail: form.values.newEmail.trim() });
  };

  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <EmailField
        id={ids.newEmail}
        label={t("profile.email.newEmail")}
        {...form.bind("newEmail")}
      />
      {confirmed ? (
        <Notice>{t("identities.email.confirmed", { ...confirmed })}</Notice>
      ) : (
        <PasswordField
          id={ids.currentPassword}
          label={t("profile.email.currentPassword")}
          autoComplete="current-password"
          {...form.bind("currentPassword")}
        />
      )}
      <LiveStatus tone="info" message={sentTo ? t("profile.email.sent", { email: sentTo }) : null} />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? t("profile.email.submitting") : t("profile.email.submit")}
        </button>
      </div>
    </form>
  );
}
