import type { ApplicationResponse } from '@mpp/contracts';
import type { ApiClient } from './hall';

/**
 * A small valid PDF (one empty page), built with a correct cross-reference table, with `marker`
 * in its Info dictionary so that each call can give different bytes (and so a different sha256).
 */
export function tinyPdf(marker = 'uji'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Title (${marker.replace(/[()\\]/g, '')}) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** What proves the caller: the citizen's secret or session cookie, or an officer's token. */
export type UploadAs = { secret?: string | null; cookie?: string } | { officerToken: string };

/**
 * Uploads `bytes` (a PDF by default) as the document of one requirement: the citizen's route by the
 * application's code, or the officer's by its id. Answers the HTTP response.
 */
export function uploadDocument(t: Pick<ApiClient, 'http'>, application: Pick<ApplicationResponse, 'code' | 'id'>, requirementId: string, as: UploadAs, bytes: Buffer = tinyPdf(), fileName?: string) {
  const officer = 'officerToken' in as;
  const req = officer
    ? t.http().put(`/api/v1/agency/applications/${application.id}/items/${requirementId}/document`).auth(as.officerToken, { type: 'bearer' })
    : t.http().put(`/api/v1/applications/${application.code}/items/${requirementId}/document`);
  if (!officer && as.secret) req.set('X-Application-Secret', as.secret);
  if (!officer && as.cookie) req.set('Cookie', as.cookie);
  if (fileName !== undefined) req.set('X-File-Name', encodeURIComponent(fileName));
  return req.set('Content-Type', 'application/octet-stream').send(bytes);
}

/** A PDF for every mandatory item (what submit asks for); answers the application as the last upload left it. */
export async function uploadMandatoryDocuments(t: Pick<ApiClient, 'http'>, application: ApplicationResponse, as: UploadAs): Promise<ApplicationResponse> {
  let latest = application;
  for (const item of application.items.filter((i) => i.mandatory)) {
    const res = await uploadDocument(t, application, item.requirementId, as, tinyPdf(`${application.code}-${item.position}`));
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    latest = res.body as ApplicationResponse;
  }
  return latest;
}
