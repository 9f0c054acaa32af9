import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a `default` export; under NodeNext the default import is the module object.
type DecodeQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (jsQRModule as unknown as { default: DecodeQr }).default;

/** Decodes the QR code visible in a PNG screenshot, as a phone camera would read it off the screen. */
export function decodeQrFromPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return code?.data;
}
