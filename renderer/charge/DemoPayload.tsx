import { useEffect, useRef, useState } from 'react';
import { copyText } from './copy-text';

type CopyState = { what: string; copied: boolean } | undefined;

/** Demo mode: the payload as text, so a presenter can scan it with the demo partner's command line. */
export function DemoPayload({ payload }: { payload: string }) {
  const [copyState, setCopyState] = useState<CopyState>();
  const payloadRef = useRef<HTMLElement>(null);
  const command = `npm run partner -- scan ${payload}`;

  useEffect(() => setCopyState(undefined), [payload]);

  async function copy(what: string, text: string): Promise<void> {
    if (await copyText(text)) {
      setCopyState({ what, copied: true });
      return;
    }
    setCopyState({ what, copied: false });
    // Leave the payload selected so Ctrl+C still works.
    const node = payloadRef.current;
    const selection = window.getSelection();
    if (node && selection) {
      selection.removeAllRanges();
      const range = document.createRange();
      range.selectNodeContents(node);
      selection.addRange(range);
    }
  }

  return (
    <section className="demo-payload" aria-labelledby="demo-payload-heading">
      <h2 id="demo-payload-heading">Demo mode · QR payload</h2>
      <code ref={payloadRef} className="demo-payload-text">{payload}</code>
      <p className="demo-payload-hint">
        Scan it as the demo wallet: <code>npm run partner -- scan &lt;payload&gt;</code>
      </p>
      <div className="demo-payload-actions">
        <button type="button" className="button button--small" onClick={() => void copy('Payload', payload)}>Copy payload</button>
        <button type="button" className="button button--small" onClick={() => void copy('Command', command)}>Copy command</button>
        <span role="status" className="demo-payload-feedback">
          {copyState === undefined
            ? ''
            : copyState.copied
              ? `${copyState.what} copied`
              : 'Copy failed — the payload is selected: press Ctrl+C'}
        </span>
      </div>
    </section>
  );
}
