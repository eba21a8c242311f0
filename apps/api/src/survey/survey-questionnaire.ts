import type { LocalizedText, SurveyAgeRange, SurveyEducation, SurveyElementForm, SurveyGender, SurveyOccupation, SurveyOption } from '@mpp/contracts';
import { IKM_ELEMENTS } from '@mpp/domain';

type Four = [string, string, string, string];

/**
 * The questionnaire of PermenPANRB 14/2017 (its annex's form): each element's question and its
 * four answers, 1 (worst) to 4 (best), in Indonesian as printed, with English beside it.
 */
const QUESTIONS: readonly { question: LocalizedText; id: Four; en: Four }[] = [
  {
    question: { id: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?', en: 'How well did the requirements fit the service?' },
    id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    en: ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'],
  },
  {
    question: { id: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?', en: 'How easy was the procedure of this service?' },
    id: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    en: ['Not easy', 'Less easy', 'Easy', 'Very easy'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?', en: 'How fast was the service?' },
    id: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    en: ['Not fast', 'Less fast', 'Fast', 'Very fast'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?', en: 'How fair was the cost or fee of the service?' },
    id: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    en: ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
  },
  {
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      en: 'How well did what you received match what the service standard promises?',
    },
    id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    en: ['Not matching', 'Less matching', 'Matching', 'Fully matching'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?', en: 'How competent were the officers?' },
    id: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    en: ['Not competent', 'Less competent', 'Competent', 'Very competent'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?', en: 'How polite and friendly were the officers?' },
    id: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    en: ['Not polite and friendly', 'Less polite and friendly', 'Polite and friendly', 'Very polite and friendly'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?', en: 'How are complaints, suggestions and feedback handled?' },
    id: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    en: ['There is none', 'There is one, but it does not work', 'It works, not fully', 'Well managed'],
  },
  {
    question: { id: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?', en: 'How good are the facilities?' },
    id: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    en: ['Poor', 'Fair', 'Good', 'Very good'],
  },
];

export const SURVEY_ELEMENTS: readonly SurveyElementForm[] = IKM_ELEMENTS.map((element, index) => ({
  code: element.code,
  name: element.name,
  question: QUESTIONS[index].question,
  options: ([1, 2, 3, 4] as const).map((value) => ({ value, label: { id: QUESTIONS[index].id[value - 1], en: QUESTIONS[index].en[value - 1] } })),
}));

export const GENDER_OPTIONS: readonly SurveyOption<SurveyGender>[] = [
  { value: 'male', label: { id: 'Laki-laki', en: 'Male' } },
  { value: 'female', label: { id: 'Perempuan', en: 'Female' } },
];

export const EDUCATION_OPTIONS: readonly SurveyOption<SurveyEducation>[] = [
  { value: 'sd', label: { id: 'SD ke bawah', en: 'Primary school or less' } },
  { value: 'smp', label: { id: 'SMP', en: 'Junior high school' } },
  { value: 'sma', label: { id: 'SMA', en: 'Senior high school' } },
  { value: 'd1_d3', label: { id: 'D1/D2/D3', en: 'Diploma (D1–D3)' } },
  { value: 'd4_s1', label: { id: 'D4/S1', en: "Bachelor's degree (D4/S1)" } },
  { value: 's2_plus', label: { id: 'S2 ke atas', en: "Master's degree or higher" } },
];

export const OCCUPATION_OPTIONS: readonly SurveyOption<SurveyOccupation>[] = [
  { value: 'pns', label: { id: 'PNS', en: 'Civil servant' } },
  { value: 'tni', label: { id: 'TNI', en: 'Armed forces' } },
  { value: 'polri', label: { id: 'POLRI', en: 'Police' } },
  { value: 'swasta', label: { id: 'Pegawai swasta', en: 'Private employee' } },
  { value: 'wirausaha', label: { id: 'Wirausaha', en: 'Self-employed' } },
  { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
];

export const AGE_RANGE_OPTIONS: readonly SurveyOption<SurveyAgeRange>[] = [
  { value: 'under_20', label: { id: 'Di bawah 20 tahun', en: 'Under 20' } },
  { value: '20_29', label: { id: '20–29 tahun', en: '20–29' } },
  { value: '30_39', label: { id: '30–39 tahun', en: '30–39' } },
  { value: '40_49', label: { id: '40–49 tahun', en: '40–49' } },
  { value: '50_59', label: { id: '50–59 tahun', en: '50–59' } },
  { value: '60_plus', label: { id: '60 tahun ke atas', en: '60 or older' } },
];
