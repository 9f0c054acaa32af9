// What a program says, and how it exits, when the port its config names is taken by another program.

/** The exit status of the hub, the Demo Wallet, the till service and npm start when their port is already in use. */
export const EXIT_PORT_IN_USE = 4;

/** Set by the supervisor on the hub and Demo Wallet it runs: it says the port-in-use line itself, with its own flags. */
export const SUPERVISED_ENV = 'QRTILL_SUPERVISED';

export function isPortInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

export interface PortSetting {
  /** e.g. "QR Hub" */
  program: string;
  host: string;
  port: number;
  /** The config key that sets the port, e.g. "listen.port". */
  key: string;
  configFile: string;
  /** The command-line flag that overrides it, e.g. "--hub-port". */
  flag: string;
}

export function portInUseLine(setting: PortSetting): string {
  const host = setting.host.includes(':') ? `[${setting.host}]` : setting.host;
  return `${setting.program} cannot listen on ${host}:${setting.port}: the port is already in use. ` +
    `Change "${setting.key}" in ${setting.configFile} or start with ${setting.flag} <n>.`;
}

/** A port given on the command line: 1–65535, or 0 (any free port) where `allowAny`. */
export function parsePortFlag(flag: string, text: string, allowAny: boolean): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535) || (port === 0 && !allowAny)) {
    throw new RangeError(`invalid ${flag} "${text}": give a port number from ${allowAny ? 0 : 1} to 65535`);
  }
  return port;
}
