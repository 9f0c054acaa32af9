import type { Stack } from '../../support/stack.js';

/** The customer's scan, through the demo partner's control API (what `npm run partner -- scan <payload>` calls). */
export async function scanAtPartner(stack: Stack, qrPayload: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.partner.baseUrl}/demo/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qrPayload }),
  });
  if (response.status !== 200) throw new Error(`demo scan answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { status: number; body: unknown };
}

export function reservationOf(stack: Stack, tranId: string) {
  return Object.values(stack.partner.ledger.snapshot().reservations).find((reservation) => reservation.tranId === tranId);
}
