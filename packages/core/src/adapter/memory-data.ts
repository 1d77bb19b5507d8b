// The demo world of the MemoryAdapter: one broker, two users, their accounts, payment methods, KYC, actions,
// chat, invite and ribbons. `demoSeed()` returns a fresh copy, so every adapter starts from the same state.
import type {
  AccountType,
  ActionResult,
  ActionSchema,
  ChatMessage,
  DocumentType,
  InviteStats,
  KycDocument,
  KycStatus,
  LocalizedText,
  PaymentDirection,
  PaymentMethod,
  Ribbon,
  TradingAccount,
} from './schemas.ts';
import { acceptedDocumentMimeTypes } from '../rules/kyc.ts';

/** A seeded deposit method whose every submission is declined: status 'failed' with this failureReason. */
export const declinedMethod = {
  id: 'card-declined',
  failureCode: 'declined',
  failureReason: 'Declined by the card issuer (demo)',
} as const;

export const demoCredentials = { email: 'demo@example.com', password: 'Demo-1234' } as const;
/** A user with no trading account yet: logging in leads to account creation. */
export const newUserCredentials = { email: 'new@example.com', password: 'New-12345' } as const;

/** A user's KYC case as the demo starts with it (the MemoryAdapter's KYC service keeps it from then on). */
export interface KycRecord {
  status: KycStatus['status'];
  /** The last decision's words to the trader. */
  reasons: LocalizedText[];
  personal?: KycStatus['personal'];
  address?: KycStatus['address'];
  documents: KycDocument[];
  /** What a rejection or a resubmission request asks to put right. */
  corrections?: KycStatus['corrections'];
}

export interface DemoUser {
  userId: number;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  country: string;
  partnerId: string;
  accounts: TradingAccount[];
  kyc: Record<string, KycRecord>;
}

export interface KycType {
  requiredDocuments: DocumentType[];
}

export interface DemoAction {
  schema: ActionSchema;
  outcome: Pick<ActionResult, 'status' | 'message'>;
}

export interface DemoSeed {
  brokerName: string;
  users: DemoUser[];
  accountTypes: AccountType[];
  methods: Record<PaymentDirection, PaymentMethod[]>;
  kycTypes: Record<string, KycType>;
  maxFileSize: number;
  acceptedMimeTypes: string[];
  actions: Record<string, DemoAction>;
  chat: ChatMessage[];
  inviteStats: InviteStats;
  ribbons: Ribbon[];
}

const chatStart = Date.parse('2026-01-05T09:00:00Z');
const minute = 60_000;

export function demoSeed(): DemoSeed {
  return {
    brokerName: 'Demo Broker',
    users: [
      {
        userId: 12345,
        email: demoCredentials.email,
        password: demoCredentials.password,
        firstName: 'Alex',
        lastName: 'Morgan',
        country: 'GB',
        partnerId: 'P-12345',
        accounts: [
          {
            login: 67890,
            environment: 'live',
            accountTypeId: 'standard',
            currency: 'USD',
            leverage: 100,
            balance: '1250.50',
          },
          { login: 67891, environment: 'live', accountTypeId: 'raw', currency: 'EUR', leverage: 200, balance: '0.00' },
          {
            login: 1000123,
            environment: 'demo',
            accountTypeId: 'standard',
            currency: 'USD',
            leverage: 500,
            balance: '10000.00',
          },
        ],
        kyc: {
          standard: { status: 'not_started', reasons: [], documents: [] },
          enhanced: {
            status: 'resubmission_requested',
            reasons: [
              {
                en: 'The photo of your passport is blurred. Please upload a sharper one.',
                de: 'Das Foto Ihres Reisepasses ist unscharf. Bitte laden Sie ein schärferes hoch.',
                es: 'La foto de su pasaporte está borrosa. Suba una más nítida.',
              },
            ],
            personal: { firstName: 'Alex', lastName: 'Morgan', dateOfBirth: '1990-04-12', nationality: 'GB' },
            address: { line1: '1 Market Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
            documents: [
              {
                id: 'doc_seed_address',
                documentType: 'proof_of_address',
                fileName: 'utility-bill.pdf',
                size: 48_213,
                mimeType: 'application/pdf',
              },
            ],
            corrections: [
              { item: 'passport', reason: 'unreadable', done: false },
              { item: 'selfie', reason: 'incomplete', done: false },
            ],
          },
        },
      },
      {
        userId: 12346,
        email: newUserCredentials.email,
        password: newUserCredentials.password,
        firstName: 'Sam',
        lastName: 'Lee',
        country: 'DE',
        partnerId: 'P-12346',
        accounts: [],
        kyc: { standard: { status: 'not_started', reasons: [], documents: [] } },
      },
    ],
    accountTypes: [
      {
        id: 'standard',
        name: { en: 'Standard', de: 'Standard', es: 'Estándar', fr: 'Standard', ar: 'قياسي', zh: '标准' },
        description: {
          en: 'Commission-free trading with spreads from 1.0 pip.',
          de: 'Provisionsfreier Handel mit Spreads ab 1,0 Pip.',
          es: 'Operativa sin comisiones con diferenciales desde 1,0 pip.',
        },
        environments: ['live', 'demo'],
        currencies: ['USD', 'EUR', 'GBP'],
        leverages: [30, 100, 200, 500],
        minDeposit: '100',
      },
      {
        id: 'raw',
        name: {
          en: 'Raw Spread',
          de: 'Raw Spread',
          es: 'Spread bruto',
          fr: 'Spread brut',
          ar: 'فروق أسعار خام',
          zh: '原始点差',
        },
        description: {
          en: 'Spreads from 0.0 pips and a fixed commission per lot.',
          de: 'Spreads ab 0,0 Pips und eine feste Kommission pro Lot.',
          es: 'Diferenciales desde 0,0 pips y una comisión fija por lote.',
        },
        environments: ['live', 'demo'],
        currencies: ['USD', 'EUR'],
        leverages: [100, 200],
        minDeposit: '500',
      },
      {
        id: 'swap-free',
        name: {
          en: 'Swap-free',
          de: 'Swapfrei',
          es: 'Sin swap',
          fr: 'Sans swap',
          ar: 'خالٍ من المبادلة',
          zh: '免隔夜利息',
        },
        environments: ['live'],
        currencies: ['USD'],
        leverages: [50, 100],
        minDeposit: '200',
      },
    ],
    methods: {
      deposit: [
        {
          id: 'card',
          name: { en: 'Bank card', de: 'Bankkarte', es: 'Tarjeta bancaria' },
          currencies: ['USD', 'EUR', 'GBP'],
          min: '10',
          max: '5000',
          fee: '0%',
          processingTime: { en: 'Instant', de: 'Sofort', es: 'Inmediato' },
        },
        {
          id: 'bank-transfer',
          name: { en: 'Bank transfer', de: 'Banküberweisung', es: 'Transferencia bancaria' },
          currencies: ['USD', 'EUR', 'GBP'],
          min: '100',
          max: '100000',
          processingTime: { en: '1–3 business days', de: '1–3 Werktage', es: '1–3 días hábiles' },
        },
        {
          id: 'usdt',
          name: 'USDT (TRC-20)',
          currencies: ['USD'],
          min: '20',
          max: '20000',
          fee: '1 USDT',
          processingTime: { en: 'About 10 minutes', de: 'Etwa 10 Minuten', es: 'Unos 10 minutos' },
        },
        {
          id: declinedMethod.id,
          name: {
            en: 'Card (declined in demo)',
            de: 'Karte (in der Demo abgelehnt)',
            es: 'Tarjeta (rechazada en la demo)',
          },
          currencies: ['USD', 'EUR', 'GBP'],
          min: '10',
          max: '5000',
          processingTime: { en: 'Instant', de: 'Sofort', es: 'Inmediato' },
        },
      ],
      withdraw: [
        {
          id: 'card',
          name: { en: 'Bank card', de: 'Bankkarte', es: 'Tarjeta bancaria' },
          currencies: ['USD', 'EUR', 'GBP'],
          min: '10',
          max: '2000',
          processingTime: { en: 'Up to 24 hours', de: 'Bis zu 24 Stunden', es: 'Hasta 24 horas' },
        },
        {
          id: 'bank-transfer',
          name: { en: 'Bank transfer', de: 'Banküberweisung', es: 'Transferencia bancaria' },
          currencies: ['USD', 'EUR', 'GBP'],
          min: '50',
          max: '50000',
          fee: '5 USD',
          processingTime: { en: '1–3 business days', de: '1–3 Werktage', es: '1–3 días hábiles' },
        },
      ],
    },
    kycTypes: {
      standard: { requiredDocuments: ['passport', 'proof_of_address'] },
      enhanced: { requiredDocuments: ['passport', 'proof_of_address', 'selfie'] },
    },
    maxFileSize: 5 * 1024 * 1024,
    acceptedMimeTypes: [...acceptedDocumentMimeTypes],
    actions: {
      'update-phone': {
        schema: {
          actionType: 'update-phone',
          title: { en: 'Update phone number', de: 'Telefonnummer ändern', es: 'Actualizar el teléfono' },
          description: {
            en: 'We use this number to confirm withdrawals.',
            de: 'Wir verwenden diese Nummer, um Auszahlungen zu bestätigen.',
            es: 'Usamos este número para confirmar las retiradas.',
          },
          fields: [
            {
              name: 'countryCode',
              type: 'select',
              label: { en: 'Country code', de: 'Ländervorwahl', es: 'Prefijo' },
              required: true,
              options: [
                { value: '+44', label: 'United Kingdom (+44)' },
                { value: '+49', label: 'Deutschland (+49)' },
                { value: '+34', label: 'España (+34)' },
                { value: '+357', label: 'Κύπρος (+357)' },
              ],
              defaultValue: '+44',
            },
            {
              name: 'phone',
              type: 'text',
              label: { en: 'Phone number', de: 'Telefonnummer', es: 'Número de teléfono' },
              hint: { en: 'Digits only, without the country code.', de: 'Nur Ziffern, ohne Vorwahl.' },
              required: true,
              maxLength: 15,
              pattern: '[0-9]{6,15}',
            },
          ],
          submitLabel: { en: 'Save number', de: 'Nummer speichern', es: 'Guardar número' },
        },
        outcome: {
          status: 'completed',
          message: { en: 'Your phone number has been updated.', de: 'Ihre Telefonnummer wurde geändert.' },
        },
      },
      'request-callback': {
        schema: {
          actionType: 'request-callback',
          title: { en: 'Request a callback', de: 'Rückruf anfordern', es: 'Solicitar una llamada' },
          fields: [
            {
              name: 'topic',
              type: 'select',
              label: { en: 'Topic', de: 'Thema', es: 'Tema' },
              required: true,
              options: [
                { value: 'payments', label: { en: 'Deposits and withdrawals', de: 'Ein- und Auszahlungen' } },
                { value: 'account', label: { en: 'My account', de: 'Mein Konto' } },
                { value: 'trading', label: { en: 'Trading conditions', de: 'Handelsbedingungen' } },
              ],
            },
            {
              name: 'preferredDate',
              type: 'date',
              label: { en: 'Preferred date', de: 'Wunschtermin' },
              required: true,
            },
            {
              name: 'notes',
              type: 'textarea',
              label: { en: 'Anything we should know?', de: 'Anmerkungen' },
              maxLength: 500,
            },
            {
              name: 'consent',
              type: 'checkbox',
              label: {
                en: 'I agree to be called on my registered number.',
                de: 'Ich bin mit einem Anruf einverstanden.',
              },
              required: true,
            },
          ],
          submitLabel: { en: 'Request callback', de: 'Rückruf anfordern' },
        },
        outcome: {
          status: 'pending',
          message: {
            en: 'Thank you. An agent will call you on the chosen day.',
            de: 'Danke. Wir rufen Sie am gewählten Tag an.',
          },
        },
      },
      'change-leverage': {
        schema: {
          actionType: 'change-leverage',
          title: { en: 'Change leverage', de: 'Hebel ändern', es: 'Cambiar el apalancamiento' },
          fields: [
            {
              name: 'leverage',
              type: 'number',
              label: { en: 'New leverage (1:x)', de: 'Neuer Hebel (1:x)' },
              required: true,
              min: 1,
              max: 500,
            },
          ],
          confirm: true,
        },
        outcome: {
          status: 'completed',
          message: { en: 'Your leverage has been changed.', de: 'Ihr Hebel wurde geändert.' },
        },
      },
    },
    chat: [
      message('m0001', 'system', 'Chat started', 0),
      message('m0002', 'user', 'Hello, how long does a bank transfer take?', 1),
      message('m0003', 'agent', 'Hi Alex, bank transfers usually arrive within 1 to 3 business days.', 2),
      message('m0004', 'user', 'Thanks!', 3),
      message('m0005', 'agent', 'You are welcome. Anything else I can help with?', 4),
    ],
    inviteStats: {
      clicks: 42,
      signups: 7,
      funded: 3,
      byResult: { ATTRIBUTED_NEW: 4, ATTRIBUTED: 2, PENDING_ATTRIBUTION: 1, REATTRIBUTED: 0 },
    },
    ribbons: [
      {
        id: 'bonus-67890',
        color: '#1F6FEB',
        title: 'Fund your account today and get a 10% deposit bonus',
        enabled: true,
        closable: true,
        scope: 'account',
        target: '67890',
        action: { urlinApp: '/inapp/deposit?account=67890' },
      },
      {
        id: 'holiday-hours',
        color: '#9A6700',
        title: 'Markets close early on Friday for the holiday',
        enabled: true,
        closable: true,
        scope: 'broker',
        action: { urlExternal: 'https://broker.example.com/news/holiday-hours' },
      },
      {
        id: 'verify-identity',
        color: '#CF222E',
        title: 'Verify your identity to unlock withdrawals',
        enabled: true,
        closable: false,
        scope: 'user',
        target: '12345',
        action: { urlinApp: '/inapp/kyc' },
      },
      {
        id: 'old-promo',
        color: '#1A7F37',
        title: 'Spring promotion (ended)',
        enabled: false,
        closable: true,
        scope: 'user',
        target: '12345',
      },
    ],
  };
}

function message(id: string, author: ChatMessage['author'], text: string, minutes: number): ChatMessage {
  return {
    id,
    author,
    ...(author === 'agent' ? { authorName: 'Anna' } : {}),
    text,
    sentAt: new Date(chatStart + minutes * minute).toISOString(),
  };
}
