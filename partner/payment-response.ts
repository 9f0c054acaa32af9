import type { Institution, LedgerAmount, PaymentRequest, PaymentResponse } from '../protocol/index.js';

export interface ApprovalDetails {
  partner: Institution;
  walletRef: string;
  approvedAmount: LedgerAmount;
  now: string;
}

/** The 201 answer to an approved PaymentRequest: the request echoed, with the wallet's own additions. */
export function buildPaymentResponse(request: PaymentRequest, approval: ApprovalDetails): PaymentResponse {
  // The POS neither gets nor needs the token (docs/protocol.md §7), so the response leaves it out.
  const { partnerPaymentToken: _token, ...echo } = request;
  return {
    ...echo,
    time: approval.now,
    partner: { id: approval.partner.id, name: approval.partner.name },
    amounts: { ...request.amounts, approvedAmount: approval.approvedAmount },
    thirdPartyIdentifiers: [
      ...request.thirdPartyIdentifiers,
      { institutionId: approval.partner.id, transactionIdentifier: approval.walletRef },
    ],
    tenders: [{ tenderType: 'WALLET', amount: approval.approvedAmount }],
    slipData: {
      messageLines: [{ text: approval.partner.name }, { text: `Ref ${approval.walletRef}` }],
      issuerReference: approval.walletRef,
    },
  };
}
