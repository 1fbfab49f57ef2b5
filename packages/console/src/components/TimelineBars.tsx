import { useId } from 'react';
import { formatInstant } from '../lib/utc-time.js';
import {
  assignLanes,
  percentOf,
  placeBar,
  ticks,
  type TimeRange,
  type ValidWindow,
  type WindowStatus,
} from '../pages/assignments/timeline-geometry.js';

export interface TimelineBar {
  id: string;
  window: ValidWindow;
  status: WindowStatus;
  /** Drawn on the bar. */
  text: string;
  /** The bar's accessible name. */
  label: string;
}

export interface TimelineRow {
  key: string;
  label: string;
  bars: TimelineBar[];
}

const statusText: Record<WindowStatus, string> = {
  active: 'Active now',
  future: 'Starts in the future',
  ended: 'Ended',
};

/**
 * Rows of time windows drawn as bars over a time range, with "now" as a vertical line. Every
 * bar is a button named by its `label` (and described by its status), so it can be reached and
 * chosen from the keyboard; a window wholly outside the range is a marker at that edge. Open
 * ends fade out towards the edge; ends beyond the range are cut square.
 */
export function TimelineBars({
  rows,
  range,
  now,
  selected,
  onSelect,
  label,
}: {
  rows: TimelineRow[];
  range: TimeRange;
  now: number;
  selected?: string;
  onSelect: (barId: string) => void;
  label: string;
}) {
  const ids = useId();
  const nowLeft = percentOf(now, range);
  const nowShown = nowLeft >= 0 && nowLeft <= 100;
  return (
    <div className="timeline" role="group" aria-label={label}>
      <span hidden id={`${ids}-active`}>
        {statusText.active}
      </span>
      <span hidden id={`${ids}-future`}>
        {statusText.future}
      </span>
      <span hidden id={`${ids}-ended`}>
        {statusText.ended}
      </span>
      <span hidden id={`${ids}-before`}>
        Before the range shown
      </span>
      <span hidden id={`${ids}-after`}>
        After the range shown
      </span>
      <div className="timeline-axis" aria-hidden="true">
        <div className="timeline-axis-track">
          {ticks(range).map((tick) => (
            <span key={tick.at} className="timeline-tick" style={{ left: `${tick.left}%` }}>
              {tick.label}
            </span>
          ))}
          {nowShown && (
            <span className="timeline-now-label" style={{ left: `${nowLeft}%` }}>
              now
            </span>
          )}
        </div>
      </div>
      <ul className="timeline-rows">
        {rows.map((row) => {
          const lanes = assignLanes(row.bars.map((bar) => bar.window));
          const laneCount = Math.max(1, ...lanes.map((lane) => lane + 1));
          return (
            <li key={row.key} className="timeline-row">
              <span className="timeline-row-label" id={`${ids}-${row.key}`}>
                {row.label}
              </span>
              <div
                className="timeline-track"
                role="group"
                aria-labelledby={`${ids}-${row.key}`}
                style={{ height: `${laneCount * 1.75 + 0.25}rem` }}
              >
                {nowShown && (
                  <div
                    className="timeline-now"
                    data-testid="timeline-now"
                    style={{ left: `${nowLeft}%` }}
                    aria-hidden="true"
                  />
                )}
                {row.bars.map((bar, index) => {
                  const place = placeBar(bar.window, range);
                  const top = `${(lanes[index] ?? 0) * 1.75 + 0.25}rem`;
                  const common = {
                    type: 'button' as const,
                    'aria-label': bar.label,
                    'aria-pressed': selected === bar.id,
                    title: bar.label,
                    onClick: () => onSelect(bar.id),
                    'data-status': bar.status,
                    'data-bar-id': bar.id,
                  };
                  if (place.kind !== 'inside')
                    return (
                      <button
                        key={bar.id}
                        {...common}
                        className={`timeline-bar off-range ${place.kind} ${bar.status}`}
                        aria-describedby={`${ids}-${bar.status} ${ids}-${place.kind}`}
                        data-placement={place.kind}
                        style={{ top }}
                      >
                        {place.kind === 'before' ? '◂' : '▸'}
                      </button>
                    );
                  const classes = [
                    'timeline-bar',
                    bar.status,
                    place.openStart && 'open-start',
                    place.openEnd && 'open-end',
                    place.cutStart && 'cut-start',
                    place.cutEnd && 'cut-end',
                  ].filter(Boolean);
                  return (
                    <button
                      key={bar.id}
                      {...common}
                      className={classes.join(' ')}
                      aria-describedby={`${ids}-${bar.status}`}
                      data-placement="inside"
                      data-open-start={place.openStart}
                      data-open-end={place.openEnd}
                      style={{ left: `${place.left}%`, width: `${place.width}%`, top }}
                    >
                      <span className="timeline-bar-text">{bar.text}</span>
                    </button>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="timeline-caption">
        {formatInstant(range.start)} to {formatInstant(range.end)}
        {nowShown ? `; the vertical line is now (${formatInstant(now)}).` : '; now is outside this range.'}
      </p>
    </div>
  );
}
