import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Tokens and element defaults first; each feature's stylesheet comes in with its components.
import './styles/tokens.css';
import './styles/base.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
