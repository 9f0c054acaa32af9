import type { ServiceState, TillStatus } from '../../electron/preload/bridge-types';

const SERVICE_WORDS: Record<ServiceState, string> = {
  starting: 'starting',
  running: 'running',
  restarting: 'restarting',
  stopped: 'stopped',
  external: 'already running',
};

export function outboxText(pending: number): string {
  if (pending === 0) return 'All advices sent';
  return pending === 1 ? '1 advice waiting to be sent' : `${pending} advices waiting to be sent`;
}

export function rejectedText(rejected: number): string {
  return rejected === 1
    ? '1 advice refused by the payment service — tell a supervisor'
    : `${rejected} advices refused by the payment service — tell a supervisor`;
}

export function overdueText(overdue: number): string {
  return overdue === 1
    ? '1 advice unsent for over 24 hours — tell a supervisor'
    : `${overdue} advices unsent for over 24 hours — tell a supervisor`;
}

export function partnerRefusedText(refused: number): string {
  return refused === 1
    ? '1 sale refused by the wallet provider — to reconcile (see History)'
    : `${refused} sales refused by the wallet provider — to reconcile (see History)`;
}

function hubText(status: TillStatus): string {
  const where = status.hub.mode === 'local' ? 'local hub' : 'remote hub';
  switch (status.hub.state) {
    case 'connected':
      return `Connected to the ${where}`;
    case 'unreachable':
      return `The ${where} is unreachable`;
    default:
      return `Checking the ${where}…`;
  }
}

function serviceTone(state: ServiceState): string {
  return state === 'running' || state === 'external' ? 'ok' : state === 'stopped' ? 'bad' : 'wait';
}

/** Always on screen: can the till reach the hub, and is anything still waiting in the outbox. */
export function StatusBar({ status }: { status?: TillStatus }) {
  if (!status) {
    return (
      <footer className="status-bar">
        <span className="status-item"><span className="dot dot--wait" aria-hidden="true" />Connecting to the till…</span>
      </footer>
    );
  }
  const { hub, services, outbox } = status;
  const hubTone = hub.state === 'connected' ? 'ok' : hub.state === 'unreachable' ? 'bad' : 'wait';
  return (
    <footer className="status-bar">
      <span className="status-item" role="status" title={hub.url}>
        <span className={`dot dot--${hubTone}`} aria-hidden="true" />
        {hubText(status)}
      </span>
      {services && (
        <span className="status-item status-services">
          <span className={`dot dot--${serviceTone(services.hub)}`} aria-hidden="true" />Hub service {SERVICE_WORDS[services.hub]}
          <span className={`dot dot--${serviceTone(services.partner)}`} aria-hidden="true" />Demo partner {SERVICE_WORDS[services.partner]}
        </span>
      )}
      <span className={`status-item${outbox.pending > 0 ? ' status-item--busy' : ''}`} role="status">
        <span className={`dot dot--${outbox.pending > 0 ? 'wait' : 'ok'}`} aria-hidden="true" />
        {outboxText(outbox.pending)}
      </span>
      {outbox.overdue > 0 && (
        <span className="status-item status-item--warning" role="alert">
          <span aria-hidden="true">⚠ </span>{overdueText(outbox.overdue)}
        </span>
      )}
      {outbox.rejected > 0 && (
        <span className="status-item status-item--warning" role="alert">
          <span aria-hidden="true">⚠ </span>{rejectedText(outbox.rejected)}
        </span>
      )}
      {outbox.partnerRefused > 0 && (
        <span className="status-item status-item--warning" role="alert">
          <span aria-hidden="true">⚠ </span>{partnerRefusedText(outbox.partnerRefused)}
        </span>
      )}
    </footer>
  );
}
