/**
 * The profile's crash-report section: the standing choice to send crash reports without being
 * asked (off until the person turns it on; stored on the server), and for instance
 * administrators the way to the reports.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bug } from "lucide-react";
import type { User } from "../../shared/schemas/accounts.js";
import { crashReportSettingKey, getCrashReportSetting, setCrashReportSetting } from "../api/crashReports.js";
import { CheckboxField } from "./Field.js";
import { ErrorAlert, LiveStatus } from "./Messages.js";

export function CrashReportSetting({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setting = useQuery({ queryKey: crashReportSettingKey, queryFn: getCrashReportSetting });
  const [saved, setSaved] = useState<boolean | null>(null);
  const save = useMutation({
    mutationFn: setCrashReportSetting,
    onMutate: () => setSaved(null),
    onSuccess: (enabled) => {
      queryClient.setQueryData(crashReportSettingKey, enabled);
      setSaved(enabled);
    },
  });
  return (
    <section className="card" aria-labelledby="crash-reports-title">
      <h2 id="crash-reports-title">{t("crashReports.setting.title")}</h2>
      <p>{t("crashReports.setting.lead")}</p>
      {setting.data !== undefined ? (
        <CheckboxField
          id="crash-reports-enabled"
          label={t("crashReports.setting.label")}
          hint={t("crashReports.setting.hint")}
          checked={save.isPending ? Boolean(save.variables) : setting.data}
          onChange={(enabled) => save.mutate(enabled)}
        />
      ) : null}
      {setting.isError ? <ErrorAlert error={setting.error} /> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <LiveStatus message={saved === null ? null : t(saved ? "crashReports.setting.savedOn" : "crashReports.setting.savedOff")} />
      {user.isInstanceAdmin ? (
        <p>
          <Link to="/admin/crash-reports" className="button">
            <Bug size={18} aria-hidden="true" />
            {t("crashReports.setting.adminLink")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
