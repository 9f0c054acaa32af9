// The smallest valid instance of each message: only the fields docs/protocol.md §11 / docs/openapi.yaml mark as required.
import type { z } from 'zod';
import {
  CreateQrCodeRequest, CreateQrCodeResponse, PaymentConfirmation, PaymentRequest, PaymentResponse, PaymentReversal,
  ScanNotification,
} from '../../protocol/messages.js';

export const V4_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
export const V4_REQUEST_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const V3_ID = '6fa459ea-ee8a-3ca4-894e-db77e160355e';
export const V1_ID = 'd9428888-122b-11e1-b85c-61cd3cbb3210';
export const TIME = '2024-05-01T10:15:30.123+02:00';
export const TRAN_ID = 'f82d7f64feea4f2ab24da94aaf5c2941';

export const institution = () => ({ id: 'till-01', name: 'T' });
export const ledgerAmount = () => ({ amount: 100, currency: '710' });
export const originator = () => ({
  institution: institution(),
  terminalId: 'TILL0001',
  merchant: {
    merchantType: '5411',
    merchantId: '123456789012345',
    merchantName: { name: '', city: '', region: '', country: '' },
  },
});

export type MessageName = 'CreateQrCodeRequest' | 'CreateQrCodeResponse' | 'ScanNotification' | 'PaymentRequest'
  | 'PaymentResponse' | 'PaymentConfirmation' | 'PaymentReversal';

export const SCHEMAS: Record<MessageName, z.ZodType> = {
  CreateQrCodeRequest, CreateQrCodeResponse, ScanNotification, PaymentRequest, PaymentResponse, PaymentConfirmation,
  PaymentReversal,
};

export function minimalMessage(name: MessageName): Record<string, unknown> {
  switch (name) {
    case 'CreateQrCodeRequest':
      return { id: V4_ID, time: TIME, originator: originator(), client: institution(), qrProperties: {} };
    case 'CreateQrCodeResponse':
      return { ...minimalMessage('CreateQrCodeRequest'), tranId: TRAN_ID, qrCode: '000201' };
    case 'ScanNotification':
      return { id: V4_ID, time: TIME, partner: institution(), tranId: TRAN_ID };
    case 'PaymentRequest':
      return {
        id: V4_ID, time: TIME, originator: originator(), client: institution(), thirdPartyIdentifiers: [], amounts: {},
        tranId: TRAN_ID,
      };
    case 'PaymentResponse':
      return { ...minimalMessage('PaymentRequest'), partner: institution() };
    case 'PaymentConfirmation':
      return { id: V4_ID, requestId: V4_REQUEST_ID, time: TIME, thirdPartyIdentifiers: [] };
    case 'PaymentReversal':
      return { ...minimalMessage('PaymentConfirmation'), reversalReason: 'TIMEOUT' };
  }
}

/** docs/protocol.md §11, "required" column. */
export const REQUIRED: Record<MessageName, string[]> = {
  CreateQrCodeRequest: ['id', 'time', 'originator', 'client', 'qrProperties'],
  CreateQrCodeResponse: ['id', 'time', 'originator', 'client', 'qrProperties', 'tranId', 'qrCode'],
  ScanNotification: ['id', 'time', 'partner', 'tranId'],
  PaymentRequest: ['id', 'time', 'originator', 'client', 'thirdPartyIdentifiers', 'amounts', 'tranId'],
  PaymentResponse: ['id', 'time', 'originator', 'client', 'thirdPartyIdentifiers', 'amounts', 'tranId', 'partner'],
  PaymentConfirmation: ['id', 'requestId', 'time', 'thirdPartyIdentifiers'],
  PaymentReversal: ['id', 'requestId', 'time', 'thirdPartyIdentifiers', 'reversalReason'],
};

export const MESSAGE_NAMES = Object.keys(REQUIRED) as MessageName[];
