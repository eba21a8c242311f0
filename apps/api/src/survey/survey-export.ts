import type { SurveyProfileCount, SurveyReportResponse } from '@mpp/contracts';
import ExcelJS from 'exceljs';

/**
 * The SKM report as a file (docs/survey.md, Export), with the parts a report to KemenPANRB has:
 * the scope and period, respondents against the Krejcie–Morgan sample, the IKM and its band, the
 * NRR of each element, the index per agency and service, the respondents' profile, and a follow-up
 * plan (rencana tindak lanjut) to fill in, starting with the lowest elements. CSV is one table of
 * sections (RFC 4180, UTF-8 with BOM, "." decimals); XLSX has one sheet per part, typed numbers.
 * Comments are not exported: they stay in the API's answer (a file travels further).
 */
type Cell = string | number | null;

/** How many of the lowest elements the follow-up plan lists. */
export const FOLLOW_UP_ELEMENTS = 3;

export function surveyFileName(report: SurveyReportResponse, ext: 'csv' | 'xlsx'): string {
  return `skm-${report.site.code}-${report.from}_${report.to}.${ext}`;
}

function summary(report: SurveyReportResponse): Cell[][] {
  return [
    ['MPP', report.site.name],
    ['Instansi / Agency', report.agency?.name ?? 'Semua / All'],
    ['Layanan / Service', report.service?.name ?? 'Semua / All'],
    ['Periode / Period', `${report.from} – ${report.to}`],
    ['Populasi (tiket dilayani) / Population (served tickets)', report.population],
    ['Sampel minimal Krejcie–Morgan / Required sample', report.requiredSample],
    ['Responden / Respondents', report.respondents],
    ['Sampel tercapai / Sample reached', report.sampleReached ? 'Ya / Yes' : 'Tidak / No'],
    ['IKM (bobot 1/9) / IKM (weight 1/9)', report.ikm],
    ['Mutu pelayanan / Band', report.band ? `${report.band} ${report.bandLabel!.id} / ${report.bandLabel!.en}` : null],
  ];
}

const ELEMENT_HEADER: Cell[] = ['Kode / Code', 'Unsur / Element', 'NRR', 'IKM unsur / Element index', 'Mutu / Band'];
function elements(report: SurveyReportResponse): Cell[][] {
  return report.elements.map((e) => [e.code, `${e.name.id} / ${e.name.en}`, Math.round(e.nrr * 1000) / 1000, e.ikm, e.band]);
}

const GROUP_HEADER: Cell[] = ['Nama / Name', 'Populasi / Population', 'Sampel minimal / Required sample', 'Responden / Respondents', 'IKM', 'Mutu / Band'];
function groups(list: SurveyReportResponse['byAgency']): Cell[][] {
  return list.map((g) => [g.name, g.population, g.requiredSample, g.respondents, g.ikm, g.band]);
}

const PROFILE_HEADER: Cell[] = ['Profil / Profile', 'Pilihan / Option', 'Jumlah / Count'];
function profile(report: SurveyReportResponse): Cell[][] {
  const part = (name: string, list: SurveyProfileCount[]) => list.map((p): Cell[] => [name, `${p.label.id} / ${p.label.en}`, p.count]);
  return [
    ...part('Jenis kelamin / Gender', report.profile.gender),
    ...part('Pendidikan / Education', report.profile.education),
    ...part('Pekerjaan / Occupation', report.profile.occupation),
    ...part('Usia / Age', report.profile.ageRange),
  ];
}

const PLAN_HEADER: Cell[] = ['Prioritas / Priority', 'Unsur / Element', 'NRR', 'Program / kegiatan (Plan)', 'Waktu / When', 'Penanggung jawab / Responsible'];
function plan(report: SurveyReportResponse): Cell[][] {
  return report.elements.slice(0, FOLLOW_UP_ELEMENTS).map((e, i) => [i + 1, `${e.code} ${e.name.id} / ${e.name.en}`, Math.round(e.nrr * 1000) / 1000, '', '', '']);
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function surveyCsv(report: SurveyReportResponse): string {
  const rows: Cell[][] = [
    ['Survei Kepuasan Masyarakat (PermenPANRB 14/2017)'],
    ...summary(report),
    [],
    ['NRR per unsur (terendah dahulu) / NRR per element (lowest first)'],
    ELEMENT_HEADER,
    ...elements(report),
    [],
    ['IKM per instansi / per agency'],
    GROUP_HEADER,
    ...groups(report.byAgency),
    [],
    ['IKM per layanan / per service'],
    GROUP_HEADER,
    ...groups(report.byService),
    [],
    ['Profil responden / Respondent profile'],
    PROFILE_HEADER,
    ...profile(report),
    [],
    ['Rencana tindak lanjut / Follow-up plan'],
    PLAN_HEADER,
    ...plan(report),
  ];
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function surveyXlsx(report: SurveyReportResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MPP Digital';
  const sheet = (name: string, header: Cell[] | null, rows: Cell[][], widths: number[]) => {
    const ws = book.addWorksheet(name);
    if (header) {
      ws.addRow(header).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
    rows.forEach((r) => ws.addRow(r));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  };
  sheet('Ringkasan', null, [['Survei Kepuasan Masyarakat (PermenPANRB 14/2017)'], ...summary(report)], [52, 40]);
  sheet('NRR unsur', ELEMENT_HEADER, elements(report), [10, 60, 10, 22, 12]);
  sheet('Per instansi', GROUP_HEADER, groups(report.byAgency), [40, 14, 18, 14, 10, 10]);
  sheet('Per layanan', GROUP_HEADER, groups(report.byService), [50, 14, 18, 14, 10, 10]);
  sheet('Profil responden', PROFILE_HEADER, profile(report), [26, 36, 12]);
  sheet('Rencana tindak lanjut', PLAN_HEADER, plan(report), [12, 60, 10, 50, 16, 26]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
