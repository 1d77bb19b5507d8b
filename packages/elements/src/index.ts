export {
  BkButton,
  buttonVariants,
  buttonTypes,
  type ButtonVariant,
  type ButtonType,
} from './primitives/button/button.ts';
export { BkInput, inputTypes, type InputType } from './primitives/input/input.ts';
export { BkCheckbox } from './primitives/checkbox/checkbox.ts';
export { BkAlert, alertVariants, type AlertVariant } from './primitives/alert/alert.ts';
export { BkSpinner } from './primitives/spinner/spinner.ts';
export { BkScreen, screenStates, type ScreenState } from './primitives/screen/screen.ts';
export { BkCloseEvent, BkCopyEvent, type BkCloseDetail, type BkCopyDetail } from './primitives/events.ts';
export { tokens, screenStyles, tokensFor, refPalette, semanticColors, scaleTokens } from './styles/tokens.ts';
export { themeClass, applyTheme, themes, themeStyles, type Theme, type ThemeClass } from './styles/theme.ts';
export { adoptStyles } from './styles/adopt-styles.ts';
export { BkLogin, loginModes, type LoginMode } from './screens/login/login.ts';
export { BkAccountCreate } from './screens/account-create/account-create.ts';
export { BkCallback } from './screens/callback/callback.ts';
export { BkPasswordReset } from './screens/password-reset/password-reset.ts';
export { BkChangePassword } from './screens/change-password/change-password.ts';
export { BkChangeEmail } from './screens/change-email/change-email.ts';
export { AuthScreen, formStates, type FormState } from './screens/shared-auth/auth-screen.ts';
export { BkSuccessEvent, type SuccessDetail } from './screens/shared-auth/events.ts';
export {
  passwordRules,
  passwordStrength,
  strengthLevels,
  type StrengthLevel,
} from './screens/shared-auth/validation.ts';
export { BkSelect, type SelectOption } from './primitives/select/select.ts';
export { BkTextarea } from './primitives/textarea/textarea.ts';
export { BkProgress } from './primitives/progress/progress.ts';
export { BkStepper, type Step } from './primitives/stepper/stepper.ts';
export { BkTooltip, tooltipPlacements, type TooltipPlacement } from './primitives/tooltip/tooltip.ts';
export { BkCopy } from './primitives/copy/copy.ts';
export { BkFileDrop } from './primitives/file-drop/file-drop.ts';
export { BkAction } from './screens/action/action.ts';
export { compileSafePattern } from '@broker-kit/core';
export { BkChat } from './screens/chat/chat.ts';
export { BkRibbon, BkRibbonCloseEvent } from './screens/ribbon/ribbon.ts';
export { selectRibbon, readableTextColor, contrastRatio } from './screens/ribbon/rules.ts';
export { BkInvite } from './screens/invite/invite.ts';
export {
  BkCtraderWeb,
  platformSandbox,
  platformAllow,
  openTriggers,
  type OpenTrigger,
} from './screens/ctrader-web/ctrader-web.ts';
export {
  OtSessionController,
  otSessionStates,
  type OtSessionState,
  type OtSessionHost,
  type OtSessionOptions,
} from './controllers/ot-session.ts';
export { SubmissionDraft } from './controllers/idempotency.ts';
export { BackendDraftController, type BackendDraftOptions } from './controllers/backend-draft.ts';
export { InAppScreen } from './screens/inapp-shared/inapp-screen.ts';
export {
  BkResultEvent,
  inAppResultStatuses,
  type InAppResult,
  type InAppResultStatus,
} from './screens/inapp-shared/events.ts';
export { errorAlertTemplate, tokenErrorTemplate, tokenErrorCodes } from './screens/inapp-shared/error-states.ts';
export { returnUrlFor } from './screens/inapp-shared/return-url.ts';
export { PaymentScreen, paymentSteps, type PaymentStep } from './screens/payment/payment-screen.ts';
export { BkDeposit } from './screens/deposit/deposit.ts';
export { BkWithdraw } from './screens/withdraw/withdraw.ts';
export { BkKyc } from './screens/kyc/kyc.ts';
