import { createApp } from 'vue';
import { createI18n } from '@broker-kit/core';
import App from './App.vue';

const i18n = await createI18n({ language: new URLSearchParams(location.search).get('lang') });

createApp(App, { i18n }).mount('#app');
