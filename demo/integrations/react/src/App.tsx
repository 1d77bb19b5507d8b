// A client area in React 19: the login screen from the packed packages, typed through @broker-kit/elements/react.
import { useState } from 'react';
import type { i18n } from 'i18next';
import { HttpAdapter } from '@broker-kit/core';
import type { BkSuccessEvent } from '@broker-kit/elements';
import type {} from '@broker-kit/elements/react';
import '@broker-kit/elements/define/login.js';

const adapter = new HttpAdapter({ baseUrl: import.meta.env.VITE_BROKER_URL ?? '' });

export default function App({ i18n }: { i18n: i18n }) {
  const [userId, setUserId] = useState<number>();
  const handleSuccess = (event: BkSuccessEvent) => {
    event.preventDefault(); // stay in the client area instead of following the platform's success URL
    setUserId(event.detail.userId);
  };
  if (userId) return <p role="status">Signed in as {userId}</p>;
  return <bk-login adapter={adapter} i18n={i18n} onbk-success={handleSuccess} />;
}
