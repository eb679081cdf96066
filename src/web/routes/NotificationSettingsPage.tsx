/**
 * Notification settings: per kind, whether it also comes by e-mail immediately, in the daily
 * digest, or not at all. The notifications page always shows everything; only e-mail changes.
 */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, RotateCcw, UserRound } from "lucide-react";
import { DELIVERIES } from "../../shared/schemas/notifications.js";
import {
  getNotificationPreferences,
  notificationPreferencesKey,
  updateNotificationPreferences,
  type Delivery,
  type NotificationKind,
  type NotificationPreference,
} from "../api/notifications.js";
import { ChoiceGroup } from "../components/Field.js";
import { ErrorAlert, LiveStatus, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle } from "../lib/hooks.js";
import "../styles/notifications.css";

/** What concerns me personally, then what concerns my groups. */
const SECTIONS: ReadonlyArray<{ title: "aboutYou" | "aboutYourGroups"; kinds: readonly NotificationKind[] }> = [
  { title: "aboutYou", kinds: ["comment_created", "loop_approved", "checkin_opened", "invitation_received", "group_creator_granted", "safeguarding_flagged", "safeguarding_step", "export_ready"] },
  { title: "aboutYourGroups", kinds: ["loop_created", "task_published", "post_published", "survey_opened", "retention_warning"] },
];

type Choices = Partial<Record<NotificationKind, Delivery>>;

function choicesOf(preferences: readonly NotificationPreference[]): Choices {
  return Object.fromEntries(preferences.map((preference) => [preference.kind, preference.delivery]));
}

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t("notificationSettings.title"));
  const preferences = useQuery({ queryKey: notificationPreferencesKey, queryFn: getNotificationPreferences });
  return (
    <div className="page">
      <PageHeading lead={t("notificationSettings.lead")}>{t("notificationSettings.title")}</PageHeading>
      <p className="row">
        <Link to="/profile" className="button button-quiet">
          <UserRound size={18} aria-hidden="true" />
          {t("notificationSettings.backToProfile")}
        </Link>
        <Link to="/feed" className="button button-quiet">
          <Bell size={18} aria-hidden="true" />
          {t("notificationSettings.toFeed")}
        </Link>
      </p>
      <DeliveryExplained />
      <QueryView query={preferences}>{(list) => <PreferencesForm preferences={list} />}</QueryView>
    </div>
  );
}

/** The three choices in plain words, once for the whole page. */
function DeliveryExplained() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="delivery-explained-title">
      <h2 id="delivery-explained-title">{t("notificationSettings.explainedTitle")}</h2>
      <dl className="stack">
        {DELIVERIES.map((delivery) => (
          <div key={delivery}>
            <dt className="field-label">{t(`notificationSettings.deliveries.${delivery}`)}</dt>
            <dd className="muted">{t(`notificationSettings.deliveryHelp.${delivery}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t("notificationSettings.anonymousNote")}</p>
    </section>
  );
}

function PreferencesForm({ preferences }: { preferences: readonly NotificationPreference[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<Choices>(() => choicesOf(preferences));
  const [status, setStatus] = useState<"saved" | "resetDone" | null>(null);
  const byKind = new Map(preferences.map((preference) => [preference.kind, preference]));

  const save = useMutation({
    mutationFn: (body: { changes: Choices; reset: boolean }) => updateNotificationPreferences({ preferences: body.changes }),
    onSuccess: (updated, body) => {
      queryClient.setQueryData(notificationPreferencesKey, updated);
      setChoices(choicesOf(updated));
      setStatus(body.reset ? "resetDone" : "saved");
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setStatus(null);
    save.mutate({ changes: choices, reset: false });
  };

  const reset = () => {
    if (save.isPending) return;
    setStatus(null);
    const defaults: Choices = Object.fromEntries(preferences.map((preference) => [preference.kind, preference.defaultDelivery]));
    setChoices(defaults);
    save.mutate({ changes: defaults, reset: true });
  };

  const pendingReset = save.isPending && save.variables.reset;
  return (
    <form className="stack" noValidate onSubmit={submit}>
      {SECTIONS.map((section) => {
        const kinds = section.kinds.filter((kind) => byKind.has(kind));
        if (kinds.length === 0) return null;
        return (
          <section key={section.title} className="card" aria-labelledby={`notification-section-${section.title}`}>
            <h2 id={`notification-section-${section.title}`}>{t(`notificationSettings.${section.title}`)}</h2>
            <div>
              {kinds.map((kind) => {
                const defaultDelivery = byKind.get(kind)?.defaultDelivery ?? "off";
                return (
                  <div key={kind} className="notification-kind">
                    <ChoiceGroup<Delivery>
                      name={`delivery-${kind}`}
                      legend={t(`notificationKinds.${kind}.label`)}
                      hint={`${t(`notificationKinds.${kind}.hint`)} ${t("notificationSettings.defaultIs", {
                        delivery: t(`notificationSettings.deliveries.${defaultDelivery}`),
                      })}`}
                      value={choices[kind] ?? defaultDelivery}
                      onChange={(delivery) => {
                        setStatus(null);
                        setChoices((current) => ({ ...current, [kind]: delivery }));
                      }}
                      choices={DELIVERIES.map((delivery) => ({ value: delivery, label: t(`notificationSettings.deliveries.${delivery}`) }))}
                    />
                  </div>
                );
              })}
            </div>
          </section>
        );
      })}
      <LiveStatus message={status ? t(`notificationSettings.${status}`) : null} />
      <ErrorAlert error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={save.isPending || undefined}>
          {save.isPending && !pendingReset ? t("notificationSettings.submitting") : t("notificationSettings.submit")}
        </button>
        <button type="button" className="button" aria-disabled={save.isPending || undefined} onClick={reset}>
          <RotateCcw size={18} aria-hidden="true" />
          {pendingReset ? t("notificationSettings.resetting") : t("notificationSettings.reset")}
        </button>
      </div>
    </form>
  );
}
