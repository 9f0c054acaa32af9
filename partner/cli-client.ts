import { connectHost, type PartnerConfig } from './config.js';

// CLI subcommands that talk to a RUNNING partner through its control API (they never start one).

export const EXIT = { ok: 0, declined: 1, usage: 2, unreachable: 3 } as const;

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

type ControlResult = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; message: string };

export function controlBaseUrl(config: PartnerConfig): string {
  return `http://${connectHost(config.listen.host)}:${config.listen.port}/demo`;
}

async function callControl(config: PartnerConfig, method: string, path: string, payload?: unknown): Promise<ControlResult> {
  const url = controlBaseUrl(config) + path;
  try {
    const response = await fetch(url, {
      method,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      // The partner waits up to hubSeconds for the hub, so allow a little more.
      signal: AbortSignal.timeout((config.timeouts.hubSeconds + 5) * 1000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { kind: 'answer', status: response.status, body };
  } catch (error) {
    const code = ((error as { cause?: { code?: unknown } }).cause?.code ?? (error as Error).name) as string;
    const hint = code === 'ECONNREFUSED' ? ' - is it running? start it with `npm run partner`' : '';
    return { kind: 'unreachable', message: `partner server not reachable at ${url} (${code})${hint}` };
  }
}

const errorOf = (body: unknown): string | undefined =>
  typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
    ? (body as { error: string }).error
    : undefined;

export interface ScanCommand {
  qrPayload?: string;
  tranId?: string;
  omitToken?: boolean;
}

/** Exit 0 when the hub accepted the scan (202), 1 when it declined, 3 when the partner or hub was unreachable. */
export async function scanCommand(config: PartnerConfig, command: ScanCommand, io: CliOutput): Promise<number> {
  const input: Record<string, unknown> = {};
  if (command.qrPayload !== undefined) input.qrPayload = command.qrPayload;
  if (command.tranId !== undefined) input.tranId = command.tranId;
  if (command.omitToken) input.omitToken = true;
  const result = await callControl(config, 'POST', '/scan', input);
  if (result.kind === 'unreachable') {
    io.err(result.message);
    return EXIT.unreachable;
  }
  if (result.status !== 200) {
    io.err(`scan not sent: ${errorOf(result.body) ?? `partner answered ${result.status}`}`);
    return result.status === 502 ? EXIT.unreachable : EXIT.usage;
  }
  const { status, body, tranId } = result.body as { status: number; body: unknown; tranId: string };
  if (status === 202) {
    io.out(`scan accepted by the hub (202) for tranId ${tranId}`);
    return EXIT.ok;
  }
  const detail = (body ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  const errorType = typeof detail.errorType === 'string' ? detail.errorType : 'no errorType';
  const message = typeof detail.errorMessage === 'string' ? `: ${detail.errorMessage}` : '';
  io.err(`scan declined by the hub (${status}) ${errorType}${message} for tranId ${tranId}`);
  return EXIT.declined;
}

export async function behaviourCommand(config: PartnerConfig, update: Record<string, unknown>, io: CliOutput): Promise<number> {
  const result = await callControl(config, 'PUT', '/behaviour', update);
  if (result.kind === 'unreachable') {
    io.err(result.message);
    return EXIT.unreachable;
  }
  if (result.status !== 200) {
    const issues = (result.body as { issues?: unknown }).issues;
    io.err(`behaviour refused: ${errorOf(result.body) ?? result.status}${Array.isArray(issues) ? `\n  ${issues.join('\n  ')}` : ''}`);
    return EXIT.usage;
  }
  io.out(JSON.stringify(result.body, null, 2));
  return EXIT.ok;
}

export async function showCommand(config: PartnerConfig, method: 'GET' | 'POST', path: string, io: CliOutput): Promise<number> {
  const result = await callControl(config, method, path);
  if (result.kind === 'unreachable') {
    io.err(result.message);
    return EXIT.unreachable;
  }
  io.out(JSON.stringify(result.body, null, 2));
  return result.status === 200 ? EXIT.ok : EXIT.declined;
}
