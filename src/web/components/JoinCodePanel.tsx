/**
 * One join code: the code in large type, the join link to copy, the QR code (with a full-screen
 * view for a classroom projector and a print view), the on/off switch, an optional last day, and
 * "get a new code". Used for a group's codes and for an organisation's group-creator code.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Switch } from "react-aria-components";
import { Maximize, Minimize, Printer, RefreshCw } from "lucide-react";
import type { JoinCode } from "../api/groups.js";
import { currentLanguage } from "../i18n/index.js";
import { dateInputValue, endOfDayIso, formatDateTime, formattingLocale } from "../lib/format.js";
import { useFeedback } from "../lib/useFeedback.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { CopyField } from "./CopyField.js";
import { Field } from "./Field.js";
import { Feedback } from "./Messages.js";

export interface JoinCodePanelProps {
  /** Prefix of the element ids; unique on the page. */
  id: string;
  title: string;
  /** Who becomes what by using this code. */
  description: string;
  code: JoinCode;
  /** The QR image of the join link, when there is one. */
  qr?: { src: string; alt: string; stageTitle: string };
  onRotate: () => Promise<unknown>;
  onUpdate: (change: { enabled?: boolean; expiresAt?: string | null }) => Promise<unknown>;
}

/** "on", "off" or "expired": what a person typing the code would experience now. */
function codeState(code: JoinCode, now: number): "on" | "off" | "expired" {
  if (!code.enabled) return "off";
  if (code.expiresAt && Date.parse(code.expiresAt) <= now) return "expired";
  return "on";
}

export function JoinCodePanel({ id, title, description, code, qr, onRotate, onUpdate }: JoinCodePanelProps) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const language = formattingLocale(currentLanguage());
  const [lastDay, setLastDay] = useState(dateInputValue(code.expiresAt));
  const [seenExpiry, setSeenExpiry] = useState(code.expiresAt);
  if (seenExpiry !== code.expiresAt) {
    setSeenExpiry(code.expiresAt);
    setLastDay(dateInputValue(code.expiresAt));
  }
  const state = codeState(code, Date.now());

  const saveExpiry = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = lastDay === "" ? null : endOfDayIso(lastDay);
    // A date input gives a whole date or nothing; anything else is left as it is.
    if (lastDay !== "" && expiresAt === null) return;
    void feedback.run(async () => {
      await onUpdate({ expiresAt });
      feedback.succeed(expiresAt ? "codes.expirySaved" : "codes.expiryRemoved", {
        date: expiresAt ? formatDateTime(expiresAt, language) : "",
      });
    });
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="muted">{description}</p>
      </div>
      <div className="code-box">
        <span className="code-box-label">{t("codes.code")}</span>
        <span className="code-text">{code.code}</span>
        <span className={`badge badge-${state}`}>{t(`codes.state.${state}`)}</span>
      </div>
      <p className="muted small">
        {state === "on" && code.expiresAt
          ? t("codes.worksUntil", { date: formatDateTime(code.expiresAt, language) })
          : t(`codes.explain.${state}`)}
      </p>
      <CopyField id={`${id}-link`} label={t("codes.link")} value={code.joinUrl} />
      {qr ? <QrStage id={id} qr={qr} code={code} /> : null}

      <Switch
        className="switch"
        isSelected={code.enabled}
        onChange={(enabled) =>
          void feedback.run(async () => {
            await onUpdate({ enabled });
            feedback.succeed(enabled ? "codes.switchedOn" : "codes.switchedOff");
          })
        }
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t("codes.switchLabel")}
      </Switch>

      <form className="form expiry-form" noValidate onSubmit={saveExpiry}>
        <Field
          id={`${id}-last-day`}
          label={t("codes.lastDay")}
          hint={t("codes.lastDayHint")}
          type="date"
          value={lastDay}
          onChange={(event) => setLastDay(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("codes.saveLastDay")}
          </button>
          {code.expiresAt ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setLastDay("");
                void feedback.run(async () => {
                  await onUpdate({ expiresAt: null });
                  feedback.succeed("codes.expiryRemoved");
                });
              }}
            >
              {t("codes.removeLastDay")}
            </button>
          ) : null}
        </div>
      </form>

      <div>
        <ConfirmDialog
          trigger={
            <>
              <RefreshCw size={18} aria-hidden="true" />
              {t("codes.rotate")}
            </>
          }
          triggerLabel={t("codes.rotateLabel", { title })}
          title={t("codes.rotateDialog.title")}
          body={<p>{t("codes.rotateDialog.body")}</p>}
          confirmLabel={t("codes.rotateDialog.confirm")}
          cancelLabel={t("dialog.cancel")}
          onConfirm={() =>
            feedback.run(async () => {
              await onRotate();
              feedback.succeed("codes.rotated");
            })
          }
        />
      </div>
      <Feedback feedback={feedback.state} />
    </section>
  );
}

/** The QR code, with a full-screen view for a projector and a page of its own for printing. */
function QrStage({ id, qr, code }: { id: string; qr: NonNullable<JoinCodePanelProps["qr"]>; code: JoinCode }) {
  const { t } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const [fullScreen, setFullScreen] = useState(false);
  const canFullScreen = typeof document !== "undefined" && document.fullscreenEnabled;

  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement === stage.current && stage.current !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const print = () => {
    const root = document.documentElement;
    const target = stage.current;
    if (!target) return;
    // Print only this stage: the print stylesheet hides everything else while the marks are set.
    root.classList.add("printing-qr");
    target.dataset.print = "true";
    const done = () => {
      root.classList.remove("printing-qr");
      delete target.dataset.print;
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };

  return (
    <div className="qr">
      <div ref={stage} className="qr-stage" id={`${id}-qr`}>
        <p className="qr-stage-only qr-stage-title">{qr.stageTitle}</p>
        <img className="qr-image" src={qr.src} alt={qr.alt} width={240} height={240} />
        <p className="qr-stage-only qr-stage-code">{code.code}</p>
        <p className="qr-stage-only qr-stage-link">{code.joinUrl}</p>
        {fullScreen ? (
          <button type="button" className="button qr-stage-close" onClick={() => void document.exitFullscreen()}>
            <Minimize size={18} aria-hidden="true" />
            {t("codes.exitFullScreen")}
          </button>
        ) : null}
      </div>
      <div className="row">
        {canFullScreen ? (
          <button type="button" className="button" onClick={() => void stage.current?.requestFullscreen()}>
            <Maximize size={18} aria-hidden="true" />
            {t("codes.fullScreen")}
          </button>
        ) : null}
        <button type="button" className="button" onClick={print}>
          <Printer size={18} aria-hidden="true" />
          {t("codes.print")}
        </button>
      </div>
    </div>
  );
}
