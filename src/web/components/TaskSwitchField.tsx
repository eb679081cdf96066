/** An on/off setting as a react-aria Switch, with a one-line explanation wired to it. */
import type { ReactNode } from "react";
import { Switch } from "react-aria-components";

export function SwitchField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  isDisabled?: boolean;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <div className="switch-field">
      <Switch
        id={props.id}
        className="switch"
        isSelected={props.isSelected}
        onChange={props.onChange}
        isDisabled={props.isDisabled}
        aria-describedby={props.hint ? hintId : undefined}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {props.label}
      </Switch>
      {props.hint ? (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}
