interface ConnectionBannerProps {
  unreachable?: string;
  streamLost: boolean;
  onRetry(): void;
}

/** Says plainly when the till service cannot be reached, so nobody trusts a stale screen. */
export function ConnectionBanner({ unreachable, streamLost, onRetry }: ConnectionBannerProps) {
  if (unreachable === undefined && !streamLost) return null;
  return (
    <div className="banner banner--error" role="alert">
      <p>
        <strong>{unreachable !== undefined ? 'The till service is not answering.' : 'Live updates were interrupted.'}</strong>{' '}
        {unreachable ?? 'Reconnecting…'} Retrying automatically.
      </p>
      <button type="button" className="button button--small" onClick={onRetry}>Retry now</button>
    </div>
  );
}
