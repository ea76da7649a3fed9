import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { markTiming } from './state/perf';
import { connectStores } from './state/wiring';

markTiming('script');
connectStores();

const root = document.getElementById('root');
if (!root) throw new Error('Element #root fehlt in index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
