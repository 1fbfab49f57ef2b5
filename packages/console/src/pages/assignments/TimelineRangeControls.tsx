import { shiftRange, zoomRange, type RangePreset, type TimeRange } from './timeline-geometry.js';

const presets: { preset: RangePreset; label: string }[] = [
  { preset: '30d', label: '30 days' },
  { preset: '1y', label: '1 year' },
  { preset: 'all', label: 'All' },
];

/** The timeline's range: a preset around now, or moved and zoomed from one (custom). */
export function TimelineRangeControls({
  preset,
  range,
  onPreset,
  onRange,
}: {
  preset: RangePreset | 'custom';
  range: TimeRange;
  onPreset: (preset: RangePreset) => void;
  onRange: (range: TimeRange) => void;
}) {
  return (
    <div className="timeline-range" role="toolbar" aria-label="Time range">
      {presets.map(({ preset: p, label }) => (
        <button key={p} type="button" aria-pressed={preset === p} onClick={() => onPreset(p)}>
          {label}
        </button>
      ))}
      <span className="separator" aria-hidden="true" />
      <button type="button" onClick={() => onRange(shiftRange(range, -0.5))}>
        <span aria-hidden="true">◂ </span>Earlier
      </button>
      <button type="button" onClick={() => onRange(zoomRange(range, 0.5))}>
        Zoom in
      </button>
      <button type="button" onClick={() => onRange(zoomRange(range, 2))}>
        Zoom out
      </button>
      <button type="button" onClick={() => onRange(shiftRange(range, 0.5))}>
        Later<span aria-hidden="true"> ▸</span>
      </button>
    </div>
  );
}
