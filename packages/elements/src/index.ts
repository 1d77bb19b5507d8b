export { BkButton, buttonVariants, type ButtonVariant } from './primitives/button/button.ts';
