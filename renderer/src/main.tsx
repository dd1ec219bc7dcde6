import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createEngineLink } from './api';
import { setEngineLink } from './api/engine';
import { useAppStore } from './store';
import { syncStoreWithEngine } from './store/sync';
import './styles.css';

const link = createEngineLink();
setEngineLink(link);
syncStoreWithEngine(link, useAppStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
