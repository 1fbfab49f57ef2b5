import { useId } from 'react';
import { formatInstant, fromInputValue, hourFloor, hourMs, toInputValue } from '../lib/utc-time.js';

/** The slider reaches a year either side of now. */
const spanHours = 366 * 24;

/**
 * Chooses an instant: a slider in steps of an hour, a year either side of now, and a date and
 * time field (UTC) for an exact or farther instant; "Now" goes back to the present.
 */
export function InstantSlider({
  value,
  onChange,
  now,
  label = 'Instant',
}: {
  value: number;
  onChange: (ms: number) => void;
  now: number;
  label?: string;
}) {
  const sliderId = useId();
  const inputId = useId();
  const base = hourFloor(now);
  const hours = Math.max(-spanHours, Math.min(spanHours, Math.round((value - base) / hourMs)));
  return (
    <fieldset className="instant-slider">
      <legend>{label}</legend>
      <label htmlFor={sliderId} className="visually-hidden">
        {label}
      </label>
      <input
        id={sliderId}
        type="range"
        min={-spanHours}
        max={spanHours}
        step={1}
        value={hours}
        aria-valuetext={formatInstant(value)}
        onChange={(event) => onChange(base + Number(event.target.value) * hourMs)}
      />
      <div className="instant-slider-ends" aria-hidden="true">
        <span>{formatInstant(base - spanHours * hourMs).slice(0, 10)}</span>
        <span>now</span>
        <span>{formatInstant(base + spanHours * hourMs).slice(0, 10)}</span>
      </div>
      <div className="instant-slider-exact">
        <label htmlFor={inputId}>Date and time (UTC)</label>
        <input
          id={inputId}
          type="datetime-local"
          value={toInputValue(value)}
          onChange={(event) => {
            const ms = fromInputValue(event.target.value);
            if (ms !== undefined) onChange(ms);
          }}
        />
        <button type="button" onClick={() => onChange(now)}>
          Now
        </button>
        <output htmlFor={sliderId}>{formatInstant(value)}</output>
      </div>
    </fieldset>
  );
}
