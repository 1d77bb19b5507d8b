// The kit's terms, one translation per language, and the variants each language has rejected. `glossary.test.ts`
// checks every translation against it; the style guide in the core README explains the choices.
import type { Language } from './languages.ts';

/** A concept of the kit, found in an English text by `english`. */
export const concepts = {
  /** The platform's in-app banner (English keeps the platform's own word, "ribbon"). */
  ribbon: /ribbon/i,
  password: /password/i,
  deposit: /deposit/i,
  withdrawal: /withdraw/i,
  tradingAccount: /trading account/i,
  leverage: /leverage/i,
  oneTimeToken: /one-time token/i,
  kyc: /\bKYC\b|verify your identity|identity verification/i,
} as const;
export type Concept = keyof typeof concepts;

export interface LanguageGlossary {
  /** The term (a stem, so that inflected forms match) every text naming the concept uses. */
  terms: Record<Concept, RegExp>;
  /** Words and forms this language does not use: the other variant, the other register, a rejected term. */
  avoid: RegExp[];
  /** Keys allowed to differ from the register, with the reason. */
  exceptions?: Record<string, string>;
}

const noRibbon = /ribbon/i;

export const glossary: Record<Exclude<Language, 'en'>, LanguageGlossary> = {
  ar: {
    terms: {
      ribbon: /لافت/,
      password: /كلم(ة|ات|تا) (ال)?مرور/,
      deposit: /إيداع/,
      withdrawal: /سحب/,
      tradingAccount: /حساب (ال)?تداول/,
      leverage: /الرافعة المالية/,
      oneTimeToken: /رمز لمرة واحدة/,
      kyc: /KYC|هوي/,
    },
    avoid: [noRibbon, /شريط|شرائط|أشرطة/, /رمز مميز/],
  },
  cs: {
    terms: {
      ribbon: /banner/i,
      password: /hesl/i,
      deposit: /vklad|vlož/i,
      withdrawal: /výb|vybr/i,
      tradingAccount: /obchodní\p{L}* úč/iu,
      leverage: /páka/i,
      oneTimeToken: /jednorázov\p{L}* token/iu,
      kyc: /KYC|totožnost/i,
    },
    avoid: [noRibbon, /pásk|pruh/i],
  },
  de: {
    terms: {
      ribbon: /banner/i,
      password: /passw(o|ö)rt/i,
      deposit: /einzahl/i,
      withdrawal: /auszahl/i,
      tradingAccount: /handelskonto/i,
      leverage: /hebel/i,
      oneTimeToken: /einmal-token/i,
      kyc: /KYC|identität/i,
    },
    avoid: [noRibbon, /kennwort/i],
  },
  el: {
    terms: {
      ribbon: /μπάνερ/i,
      password: /κωδικ/i,
      deposit: /κατάθεσ/i,
      withdrawal: /ανάληψ/i,
      tradingAccount: /λογαριασμ\p{L}* συναλλαγών/iu,
      leverage: /μόχλευση/i,
      oneTimeToken: /διακριτικ\p{L}* μίας χρήσης/iu,
      kyc: /KYC|ταυτότητ/i,
    },
    avoid: [noRibbon, /κορδέλ/i, /μεταβίβαση/i],
  },
  es: {
    terms: {
      ribbon: /banner/i,
      password: /contraseña/i,
      deposit: /depósit|deposit/i,
      withdrawal: /retir/i,
      tradingAccount: /cuenta de trading/i,
      leverage: /apalancamiento/i,
      oneTimeToken: /token de un solo uso/i,
      kyc: /KYC|identidad/i,
    },
    // One form of address, usted: no tú forms.
    avoid: [
      noRibbon,
      /cinta/i,
      /retirada/i,
      /rellen/i,
      /(?<!\p{L})(tu|tus|puedes|tienes|quieres|estás|olvidaste|inténtalo|ábrelo|ábrela)(?!\p{L})/iu,
      /(^|[.!?] )(Usa|Introduce|Elige|Abre|Vuelve|Inicia|Revisa|Selecciona|Rellena|Añade|Elimina|Comprueba|Espera|Marca|Arrastra)(?!\p{L})/u,
    ],
    exceptions: { 'engage:invite.shareText': 'the user’s own message to a friend, in the informal voice friends use' },
  },
  fr: {
    terms: {
      ribbon: /bandeau/i,
      password: /mots? de passe/i,
      deposit: /dépôt|dépos/i,
      withdrawal: /retir|retrait/i,
      tradingAccount: /compte de trading/i,
      leverage: /effet de levier/i,
      oneTimeToken: /jeton à usage unique/i,
      kyc: /KYC|identité/i,
    },
    avoid: [noRibbon, /'/, /transmission par jeton/i],
  },
  hu: {
    terms: {
      ribbon: /banner/i,
      password: /jelsz/i,
      deposit: /befizet/i,
      withdrawal: /kifizet|fizethető ki/i,
      tradingAccount: /kereskedési száml/i,
      leverage: /tőkeáttétel/i,
      oneTimeToken: /egyszer használatos token/i,
      kyc: /KYC|személyazonosság/i,
    },
    avoid: [noRibbon, /szalag/i],
  },
  id: {
    terms: {
      ribbon: /banner/i,
      password: /kata sandi/i,
      deposit: /deposit/i,
      withdrawal: /tarik|narik/i,
      tradingAccount: /akun trading/i,
      leverage: /leverage/i,
      oneTimeToken: /token sekali pakai/i,
      kyc: /KYC|identitas/i,
    },
    avoid: [noRibbon, /pita/i, /setoran/i],
  },
  it: {
    terms: {
      ribbon: /banner/i,
      password: /password/i,
      deposit: /deposit/i,
      withdrawal: /preliev|prelev/i,
      tradingAccount: /conto di trading/i,
      leverage: /leva/i,
      oneTimeToken: /token monouso/i,
      kyc: /KYC|identità/i,
    },
    avoid: [noRibbon, /'/],
  },
  ja: {
    terms: {
      ribbon: /バナー/,
      password: /パスワード/,
      deposit: /入金/,
      withdrawal: /出金/,
      tradingAccount: /取引口座/,
      leverage: /レバレッジ/,
      oneTimeToken: /ワンタイムトークン/,
      kyc: /KYC|本人確認/,
    },
    // One register (です・ます, お客様, no あなた) and full-width colons; a leverage ratio keeps 1:100.
    avoid: [noRibbon, /リボン/, /あなた/, /(?<![0-9]):(?!\{\{value)/],
  },
  ko: {
    terms: {
      ribbon: /배너/,
      password: /비밀번호/,
      deposit: /입금/,
      withdrawal: /출금/,
      tradingAccount: /거래 계좌/,
      leverage: /레버리지/,
      oneTimeToken: /일회용 토큰/,
      kyc: /KYC|신원 확인/,
    },
    avoid: [noRibbon, /리본/, /본인 인증/, /\(으\)|\(와\)|\(과\)|은\(는\)|을\(를\)/],
  },
  ms: {
    terms: {
      ribbon: /sepanduk/i,
      password: /kata laluan/i,
      deposit: /deposit/i,
      withdrawal: /keluar|geluar/i,
      tradingAccount: /akaun dagangan/i,
      leverage: /leveraj/i,
      oneTimeToken: /token sekali guna/i,
      kyc: /KYC|identiti/i,
    },
    avoid: [noRibbon, /reben/i],
  },
  pl: {
    terms: {
      ribbon: /baner/i,
      password: /has(ł|eł|el)/i,
      deposit: /wpłat|wpłac|wpłać/i,
      withdrawal: /wypłat|wypłac|wypłać/i,
      tradingAccount: /kont\p{L}* transakcyjn/iu,
      leverage: /dźwigni/i,
      oneTimeToken: /token\p{L}* jednorazow/iu,
      kyc: /KYC|tożsamoś/i,
    },
    // Gender-neutral: no masculine-only past forms addressed to the user.
    avoid: [
      noRibbon,
      /wstęg/i,
      /rachunek handlowy/i,
      /\p{L}+łeś(?!\p{L})|zalogowany|wylogowany|zweryfikowany|Jesteś tu nowy/iu,
    ],
  },
  pt: {
    terms: {
      ribbon: /banner/i,
      password: /senha/i,
      deposit: /depósit|deposit/i,
      withdrawal: /saque|sacar/i,
      tradingAccount: /conta de negociação/i,
      leverage: /alavancagem/i,
      oneTimeToken: /token de uso único/i,
      kyc: /KYC|identidade/i,
    },
    // Brazilian Portuguese throughout.
    avoid: [
      noRibbon,
      /faixa/i,
      /ficheiro|palavra-passe|apelido|ecrã|telemóvel|utilizador|morada|levantamento|equipa|contacto|iniciar sessão|ligação/i,
      /\b(está|estão|estamos) a \p{L}+r\b/iu,
    ],
  },
  ru: {
    terms: {
      ribbon: /баннер/i,
      password: /парол/i,
      deposit: /пополн/i,
      withdrawal: /вывод|вывест|вывести/i,
      tradingAccount: /торгов\p{L}* сч[её]т/iu,
      leverage: /кредитное плечо/i,
      oneTimeToken: /одноразов\p{L}* токен/iu,
      kyc: /KYC|личност/i,
    },
    avoid: [noRibbon, /лент[аыу]/i, /депозит/i],
  },
  sk: {
    terms: {
      ribbon: /banner/i,
      password: /hesl/i,
      deposit: /vklad|vlož/i,
      withdrawal: /výb|vybr/i,
      tradingAccount: /obchodn\p{L}* úč/iu,
      leverage: /páka/i,
      oneTimeToken: /jednorazov\p{L}* token/iu,
      kyc: /KYC|totožnos/i,
    },
    avoid: [noRibbon, /pás[yo ]|pruh/i],
  },
  sl: {
    terms: {
      ribbon: /pasic/i,
      password: /gesl/i,
      deposit: /polog|polož/i,
      withdrawal: /dvig/i,
      tradingAccount: /trgovaln\p{L}* račun/iu,
      leverage: /vzvod/i,
      oneTimeToken: /enkratn\p{L}* žeton/iu,
      kyc: /KYC|identitet/i,
    },
    avoid: [noRibbon, /trak/i],
  },
  sr: {
    terms: {
      ribbon: /baner/i,
      password: /lozink/i,
      deposit: /uplat/i,
      withdrawal: /isplat/i,
      tradingAccount: /račun\p{L}* za trgovanje/iu,
      leverage: /poluga/i,
      oneTimeToken: /jednokratn\p{L}* token/iu,
      kyc: /KYC|identitet/i,
    },
    // Latin script throughout.
    avoid: [noRibbon, /trak[ae]/i, /trgovački račun/i, /\p{Script=Cyrillic}/u],
  },
  th: {
    terms: {
      ribbon: /แบนเนอร์/,
      password: /รหัสผ่าน/,
      deposit: /ฝาก/,
      withdrawal: /ถอน/,
      tradingAccount: /บัญชีเทรด/,
      leverage: /เลเวอเรจ/,
      oneTimeToken: /โทเค็นแบบใช้ครั้งเดียว/,
      kyc: /KYC|ยืนยันตัวตน/,
    },
    avoid: [noRibbon, /ริบบ/],
  },
  tr: {
    terms: {
      ribbon: /banner/i,
      password: /şifre/i,
      deposit: /yatır/i,
      withdrawal: /çek/i,
      tradingAccount: /[iİ]şlem hesab/iu,
      leverage: /kaldıraç/i,
      oneTimeToken: /tek kullanımlık belirteç/i,
      kyc: /KYC|kimli/i,
    },
    avoid: [noRibbon, /parola/i, /şerit/i, /token/i],
  },
  vi: {
    terms: {
      ribbon: /biểu ngữ/i,
      password: /mật khẩu/i,
      deposit: /nạp/i,
      withdrawal: /rút/i,
      tradingAccount: /tài khoản giao dịch/i,
      leverage: /đòn bẩy/i,
      oneTimeToken: /mã dùng một lần/i,
      kyc: /KYC|danh tính/i,
    },
    avoid: [noRibbon, /dải băng/i, /tiền gửi/i],
  },
  zh: {
    terms: {
      ribbon: /横幅/,
      password: /密码/,
      deposit: /入金/,
      withdrawal: /出金/,
      tradingAccount: /交易账户/,
      leverage: /杠杆/,
      oneTimeToken: /一次性令牌/,
      kyc: /KYC|身份/,
    },
    avoid: [noRibbon, /丝带/, /帐户/],
  },
};
