import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge/get-bridge';
import { Root } from './Root';
import './styles/base.css';
import './styles/screens.css';
import './styles/print.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Root bridge={getBridge()} />
  </StrictMode>,
);
