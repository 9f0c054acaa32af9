/** Saves text as a file through the browser's download (Electron shows its save dialog). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.className = 'offscreen';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked on the next turn: some engines start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
