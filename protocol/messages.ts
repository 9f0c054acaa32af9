import { z } from 'zod';
import { dateTime, nonEmpty, uuidV3OrV4, uuidV4 } from './formats.js';
import {
  AccType, Amounts, Customer, Institution, Originator, QrProperties, SlipData, Tender, ThirdPartyIdentifier, TranType,
} from './models.js';

// The seven top-level messages of the interface. Unknown properties are dropped on parse (docs/protocol.md §1, tolerance).

const tranId = z.string().min(1).max(99);
const thirdPartyIdentifiers = z.array(ThirdPartyIdentifier);

export const CreateQrCodeRequest = z.object({
  id: uuidV3OrV4,
  time: dateTime,
  originator: Originator,
  client: Institution,
  thirdPartyIdentifiers: thirdPartyIdentifiers.optional(),
  rrn: z.string().optional(),
  stan: z.string().optional(),
  amounts: Amounts.optional(),
  customer: Customer.optional(),
  qrProperties: QrProperties,
});

export const CreateQrCodeResponse = CreateQrCodeRequest.extend({
  tranId,
  qrCode: nonEmpty,
});

export const ScanNotification = z.object({
  id: uuidV3OrV4,
  time: dateTime,
  partner: Institution,
  settlementEntity: Institution.optional(),
  receiver: Institution.optional(),
  thirdPartyIdentifiers: thirdPartyIdentifiers.optional(),
  amounts: Amounts.optional(),
  tranId,
  partnerPaymentToken: z.string().optional(),
});

export const PaymentRequest = z.object({
  id: uuidV4,
  time: dateTime,
  originator: Originator,
  client: Institution,
  settlementEntity: Institution.optional(),
  receiver: Institution.optional(),
  thirdPartyIdentifiers,
  slipData: SlipData.optional(),
  basketRef: z.string().optional(),
  tranType: TranType.optional(),
  srcAccType: AccType.optional(),
  destAccType: AccType.optional(),
  stan: z.string().optional(),
  rrn: z.string().optional(),
  partner: Institution.optional(),
  amounts: Amounts,
  tranId,
  partnerPaymentToken: z.string().optional(),
});

export const PaymentResponse = PaymentRequest.extend({
  id: uuidV4,
  partner: Institution,
  tenders: z.array(Tender).optional(),
});

const adviceFields = {
  id: uuidV4,
  requestId: uuidV4,
  time: dateTime,
  thirdPartyIdentifiers,
  stan: z.string().optional(),
  rrn: z.string().optional(),
  amounts: Amounts.optional(),
  partner: Institution.optional(),
  tranId: tranId.optional(),
};

export const PaymentConfirmation = z.object(adviceFields);

export const ReversalReason = z.enum(['TIMEOUT', 'CANCELLED', 'RESPONSE_NOT_FINAL']);

export const PaymentReversal = z.object({ ...adviceFields, reversalReason: ReversalReason });

export type CreateQrCodeRequest = z.infer<typeof CreateQrCodeRequest>;
export type CreateQrCodeResponse = z.infer<typeof CreateQrCodeResponse>;
export type ScanNotification = z.infer<typeof ScanNotification>;
export type PaymentRequest = z.infer<typeof PaymentRequest>;
export type PaymentResponse = z.infer<typeof PaymentResponse>;
export type PaymentConfirmation = z.infer<typeof PaymentConfirmation>;
export type PaymentReversal = z.infer<typeof PaymentReversal>;
export type ReversalReason = z.infer<typeof ReversalReason>;
export type Advice = PaymentConfirmation | PaymentReversal;
