import { z } from 'zod';
import { dateTime, fullMatch, minorUnits, nonEmpty } from './formats.js';

// Nested models of the Electrum QR interface. Lengths, patterns and enums follow the v1.7.0 swagger facts.

export const Institution = z.object({
  id: nonEmpty,
  name: z.string().max(40),
});

export const LedgerAmount = z.object({
  amount: minorUnits,
  currency: z.string().regex(fullMatch('[0-9]{3}'), 'must be a 3-digit ISO 4217 code'),
  ledgerIndicator: z.enum(['DEBIT', 'CREDIT']).optional(),
});

export const Amounts = z.object({
  requestAmount: LedgerAmount.optional(),
  approvedAmount: LedgerAmount.optional(),
  feeAmount: LedgerAmount.optional(),
  balanceAmount: LedgerAmount.optional(),
  additionalAmounts: z.record(z.string(), LedgerAmount).optional(),
});

export const ThirdPartyIdentifier = z.object({
  institutionId: nonEmpty,
  transactionIdentifier: nonEmpty,
});

export const MerchantName = z.object({
  name: z.string().max(23),
  city: z.string().max(13),
  region: z.string().max(2),
  country: z.string().max(2),
});

export const Merchant = z.object({
  merchantType: z.string().regex(fullMatch('[0-9]{4}'), 'must be a 4-digit merchant category code'),
  merchantId: z.string().length(15),
  merchantName: MerchantName,
});

export const Originator = z.object({
  institution: Institution,
  terminalId: z.string().length(8),
  merchant: Merchant,
  operatorId: z.string().max(30).optional(),
});

export const QrScheme = z.enum(['EMVCO_MERCHANT', 'PSEUDO_EMVCO_MERCHANT', 'ELECTRUM_MERCHANT_MINIMAL']);

export const QrProperties = z.object({
  uuid: z.string().optional(),
  value: LedgerAmount.optional(),
  overPaymentAllowed: z.boolean().optional(),
  partPaymentAllowed: z.boolean().optional(),
  /** An RFC 3339 string on the wire, both ways (docs/protocol.md §11): the swagger's object form is never sent. */
  expiryDate: dateTime.optional(),
  singleUse: z.boolean().optional(),
  scheme: QrScheme.optional(),
});

const Address = z.object({
  addressLine1: z.string().regex(fullMatch('.{1,100}')).optional(),
  addressLine2: z.string().regex(fullMatch('.{1,100}')).optional(),
  city: z.string().regex(fullMatch('.{1,30}')).optional(),
  region: z.string().regex(fullMatch('[A-Z]{2}')).optional(),
  country: z.string().regex(fullMatch('[A-Z]{2}')).optional(),
  postalCode: z.string().regex(fullMatch('[A-Za-z0-9 -]{1,20}')).optional(),
});

export const Customer = z.object({
  firstName: z.string().max(40).optional(),
  lastName: z.string().max(40).optional(),
  address: z.string().max(80).optional(),
  dateOfBirth: dateTime.optional(),
  status: z.string().optional(),
  msisdn: z.string().regex(fullMatch('\\+?[1-9]\\d{0,14}')).optional(),
  emailAddress: z.email().optional(),
  addressDetails: Address.optional(),
  profileId: z.string().optional(),
});

const Barcode = z.object({ data: z.string(), encoding: z.string() });

export const SlipLine = z.object({
  text: z.string(),
  barcode: Barcode.optional(),
  fontWidthScaleFactor: z.number().optional(),
  fontHeightScaleFactor: z.number().optional(),
  line: z.boolean().optional(),
  cut: z.boolean().optional(),
});

export const SlipData = z.object({
  messageLines: z.array(SlipLine).optional(),
  slipWidth: z.number().int().optional(),
  issuerReference: z.string().regex(fullMatch('[A-Z0-9]{1,40}')).optional(),
});

const AccountType = z.enum(['DEFAULT', 'SAVINGS', 'CHEQUE', 'CREDIT', 'UNIVERSAL', 'ELECTRONIC_PURSE', 'GIFT_CARD', 'STORED_VALUE']);

export const Tender = z.object({
  amount: LedgerAmount,
  tenderType: z.enum(['CASH', 'CHEQUE', 'CREDIT_CARD', 'DEBIT_CARD', 'WALLET', 'ROUNDING', 'GIFT_CARD', 'LOYALTY_CARD', 'OTHER']),
  accountType: AccountType.exclude(['GIFT_CARD']).optional(),
  cardNumber: z.string().regex(fullMatch('[0-9]{6}[0-9*]{0,13}')).optional(),
  reference: z.string().max(40).optional(),
});

export const AccType = AccountType;

export const TranType = z.enum([
  'GOODS_AND_SERVICES', 'CASH_WITHDRAWAL', 'DEBIT_ADJUSTMENT', 'GOODS_AND_SERVICES_WITH_CASH_BACK', 'NON_CASH',
  'RETURNS', 'DEPOSIT', 'CREDIT_ADJUSTMENT', 'GENERAL_CREDIT', 'AVAILABLE_FUNDS_INQUIRY', 'BALANCE_INQUIRY',
  'GENERAL_INQUIRY', 'CARD_VERIFICATION_INQUIRY', 'CARDHOLDER_ACCOUNTS_TRANSFER', 'GENERAL_TRANSFER',
  'PAYMENT_FROM_ACCOUNT', 'GENERAL_PAYMENT', 'PAYMENT_TO_ACCOUNT', 'PAYMENT_FROM_ACCOUNT_TO_ACCOUNT',
  'PLACE_HOLD_ON_CARD', 'GENERAL_ADMIN', 'CHANGE_PIN', 'CARD_HOLDER_INQUIRY', 'POINTS_INQUIRY',
]);

export type Institution = z.infer<typeof Institution>;
export type LedgerAmount = z.infer<typeof LedgerAmount>;
export type Amounts = z.infer<typeof Amounts>;
export type ThirdPartyIdentifier = z.infer<typeof ThirdPartyIdentifier>;
export type Originator = z.infer<typeof Originator>;
export type Merchant = z.infer<typeof Merchant>;
export type QrProperties = z.infer<typeof QrProperties>;
export type QrScheme = z.infer<typeof QrScheme>;
export type SlipData = z.infer<typeof SlipData>;
export type Tender = z.infer<typeof Tender>;
