/**
 * The button that asks for an export on someone's behalf (an administrator for a member, a group
 * owner for the group), and what happened: the export is made in the background and waits on
 * the requester's own "Download data" page, which the message links to.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FileArchive } from "lucide-react";
import { dataExportsKey, type DataExport } from "../api/dataExports.js";
import { ErrorAlert } from "./Messages.js";

export function ExportRequest({ request, label }: { request: () => Promise<DataExport>; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: dataExportsKey }) });
  return (
    <div className="stack">
      <p>
        <button type="button" className="button" aria-disabled={mutation.isPending} onClick={() => !mutation.isPending && mutation.mutate()}>
          <FileArchive size={18} aria-hidden="true" />
          {label}
        </button>
      </p>
      <div role="status" className={mutation.isSuccess ? "notice notice-success" : "visually-hidden"}>
        {mutation.isSuccess ? (
          <p>
            {t("dataExports.requestedFor")} <Link to="/profile/data">{t("dataExports.openList")}</Link>
          </p>
        ) : null}
      </div>
      <ErrorAlert error={mutation.error} />
    </div>
  );
}
