import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n } from '@broker-kit/core';
import App from './App.tsx';

const i18n = await createI18n({ language: new URLSearchParams(location.search).get('lang') });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App i18n={i18n} />
  </StrictMode>,
);
