import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

// Markup is only ever built with lit's html``: raw HTML sinks are forbidden everywhere.
const noRawHtml = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'lit/directives/unsafe-html.js', message: 'unsafeHTML is forbidden: render with html`` templates.' },
        { name: 'lit-html/directives/unsafe-html.js', message: 'unsafeHTML is forbidden.' },
        { name: 'lit/directives/unsafe-svg.js', message: 'unsafeSVG is forbidden.' },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { property: 'innerHTML', message: 'innerHTML is forbidden: render with html`` templates.' },
    { property: 'outerHTML', message: 'outerHTML is forbidden.' },
    { property: 'srcdoc', message: 'srcdoc is forbidden.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "Identifier[name='unsafeHTML']", message: 'unsafeHTML is forbidden.' },
    { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML is forbidden.' },
    {
      selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
      message: 'insertAdjacentHTML is forbidden.',
    },
    { selector: "Literal[value='srcdoc']", message: 'srcdoc is forbidden.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/.vitest/**',
      '**/custom-elements.json',
      'data/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...noRawHtml,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // This file names the forbidden sinks, so it may spell them.
  { files: ['eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['packages/elements/**/*.ts', 'packages/hosted/**/*.ts', 'demo/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts', 'packages/hosted/**/*.ts', 'demo/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts', 'packages/hosted/**/*.ts', 'demo/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
);
