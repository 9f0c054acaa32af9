interface DayPickerProps {
  day: string;
  today: string;
  /** Days with sales, newest first. */
  days: readonly string[];
  onChange(day: string): void;
}

/** The day History shows: the previous or next day with sales, or any date typed or picked. */
export function DayPicker({ day, today, days, onChange }: DayPickerProps) {
  const previous = days.find((candidate) => candidate < day);
  const next = [...days].reverse().find((candidate) => candidate > day && candidate <= today) ?? (day < today ? today : undefined);
  return (
    <div className="day-picker" role="group" aria-label="Day shown">
      <button type="button" className="button" disabled={!previous} onClick={() => previous && onChange(previous)}>
        ← Previous day
      </button>
      <label className="day-picker-field">
        <span>Day</span>
        <input
          type="date"
          value={day}
          max={today}
          onChange={(event) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) onChange(event.target.value);
          }}
        />
      </label>
      <button type="button" className="button" disabled={!next} onClick={() => next && onChange(next)}>
        Next day →
      </button>
      {day !== today && <button type="button" className="button" onClick={() => onChange(today)}>Today</button>}
    </div>
  );
}
