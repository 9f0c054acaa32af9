import { useEffect, useState } from 'react';
import { App } from './App';
import type { ConnectedBridge } from './bridge/connected-bridge';
import { CustomerView } from './customer/CustomerView';

const CUSTOMER_HASH = '#/customer';

/** One page, two faces: the cashier's till, or the customer display when opened at #/customer. */
export function Root({ bridge }: { bridge: ConnectedBridge }) {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onHashChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  useEffect(() => {
    document.title = hash === CUSTOMER_HASH ? 'QR Till — Customer display' : 'QR Till';
    document.documentElement.classList.toggle('customer-mode', hash === CUSTOMER_HASH);
  }, [hash]);
  return hash === CUSTOMER_HASH ? <CustomerView bridge={bridge} /> : <App bridge={bridge} />;
}
