import { useEffect, useState } from 'react';

interface CountdownProps {
  /** RFC 3339 end of the scan window. */
  deadline: string;
  /** The whole window, for the bar. */
  windowSeconds: number;
}

function secondsLeft(deadline: string): number {
  return Math.max(0, Math.ceil((Date.parse(deadline) - Date.now()) / 1000));
}

function formatSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Time left for the customer to scan; not a live region, so screen readers are not told every second. */
export function Countdown({ deadline, windowSeconds }: CountdownProps) {
  const [left, setLeft] = useState(() => secondsLeft(deadline));

  useEffect(() => {
    setLeft(secondsLeft(deadline));
    const timer = setInterval(() => setLeft(secondsLeft(deadline)), 250);
    return () => clearInterval(timer);
  }, [deadline]);

  const share = windowSeconds > 0 ? Math.min(1, left / windowSeconds) : 0;
  return (
    <div className={`countdown${left <= 10 ? ' countdown--ending' : ''}`}>
      <p className="countdown-text">
        {left > 0 ? <>Time left to scan <strong className="countdown-time">{formatSeconds(left)}</strong></> : 'Scan time is up — waiting for the payment service'}
      </p>
      <div className="countdown-bar" aria-hidden="true">
        <div className="countdown-bar-fill" style={{ transform: `scaleX(${share})` }} />
      </div>
    </div>
  );
}
