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

type Tone = 'ok' | 'bad' | 'wait' | 'idle';

/**
 * Whether the hub can be reached, as far as the page knows. Green only on a fresh word from the till service that
 * its last check reached the hub and, in local mode, that the hub's process is running.
 */
export function hubConnection(status: TillStatus, tillServiceLost: boolean): { text: string; tone: Tone } {
  const where = status.hub.mode === 'local' ? 'local hub' : 'remote hub';
  if (tillServiceLost) return { text: 'Hub connection not known: the till service is not answering', tone: 'wait' };
  const service = status.services?.hub;
  if (service === 'stopped') return { text: `The ${where} is stopped`, tone: 'bad' };
  if (service === 'starting' || service === 'restarting') return { text: `The ${where} is ${SERVICE_WORDS[service]}…`, tone: 'wait' };
  switch (status.hub.state) {
    case 'connected':
      return { text: `Connected to the ${where}`, tone: 'ok' };
    case 'unreachable':
      return { text: `The ${where} is unreachable`, tone: 'bad' };
    default:
      return { text: `Checking the ${where}…`, tone: 'wait' };
  }
}

/**
 * The outbox as far as the page knows. "All advices sent" in green only while the hub is connected: with the hub away a
 * zero count is just that, and with the till service away the page cannot know the outbox at all.
 */
export function outboxState(status: TillStatus, hubTone: Tone, tillServiceLost: boolean): { text: string; tone: Tone } {
  if (tillServiceLost) return { text: 'Advices waiting: not known until the till service answers', tone: 'wait' };
  const { pending } = status.outbox;
  if (pending > 0) return { text: outboxText(pending), tone: 'wait' };
  return hubTone === 'ok' ? { text: outboxText(0), tone: 'ok' } : { text: 'No advices waiting', tone: 'idle' };
}

function serviceTone(state: ServiceState): Tone {
  return state === 'running' || state === 'external' ? 'ok' : state === 'stopped' ? 'bad' : 'wait';
}

interface StatusBarProps {
  status?: TillStatus;
  /** The till service is not answering or its live updates dropped (browser mode): `status` may be stale. */
  tillServiceLost?: boolean;
}

/** Always on screen: can the till reach the hub, and is anything still waiting in the outbox. */
export function StatusBar({ status, tillServiceLost = false }: StatusBarProps) {
  if (!status) {
    return (
      <footer className="status-bar">
        <span className="status-item"><span className="dot dot--wait" aria-hidden="true" />Connecting to the till…</span>
      </footer>
    );
  }
  const { hub, services, outbox } = status;
  const connection = hubConnection(status, tillServiceLost);
  const queue = outboxState(status, connection.tone, tillServiceLost);
  return (
    <footer className="status-bar">
      <span className="status-item" role="status" title={hub.url}>
        <span className={`dot dot--${connection.tone}`} aria-hidden="true" />
        {connection.text}
      </span>
      {services && !tillServiceLost && (
        <span className="status-item status-services">
          <span className={`dot dot--${serviceTone(services.hub)}`} aria-hidden="true" />Hub service {SERVICE_WORDS[services.hub]}
          <span className={`dot dot--${serviceTone(services.partner)}`} aria-hidden="true" />Demo partner {SERVICE_WORDS[services.partner]}
        </span>
      )}
      <span className={`status-item${queue.tone === 'wait' ? ' status-item--busy' : ''}`} role="status">
        <span className={`dot dot--${queue.tone}`} aria-hidden="true" />
        {queue.text}
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
