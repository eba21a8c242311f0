import { HttpClient, HttpErrorResponse, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ComplaintReportResponse, HallReportResponse, ReportGroup, SurveyReportResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { catchError, from, map, switchMap, throwError, type Observable } from 'rxjs';

export type ReportFileFormat = 'csv' | 'xlsx';

export interface SurveyReportQuery {
  from: string;
  to: string;
  agencyId: string | null;
  serviceId: string | null;
}

export interface HallReportQuery {
  from: string;
  to: string;
  groupBy: ReportGroup;
  agencyId: string | null;
}

export interface ReportFile {
  blob: Blob;
  fileName: string;
}

function params(values: Record<string, string | null | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) if (value) result = result.set(key, value);
  return result;
}

/** The file name the API gives in Content-Disposition, or a fallback. */
function fileName(response: HttpResponse<Blob>, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(header)?.[1] ?? fallback;
}

/** A refused file request carries its JSON error as a Blob: read it back for the API's own message. */
function jsonErrors<T>(request: Observable<T>): Observable<T> {
  return request.pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return throwError(() => error);
      return from(error.error.text()).pipe(
        switchMap((text) => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          return throwError(() => new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined }));
        }),
      );
    }),
  );
}

/** The SKM report (docs/survey.md) and the hall report (docs/reports.md), as the API answers them. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private surveyUrl(siteCode: string): string {
    return `${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/survey/report`;
  }

  private surveyParams(query: SurveyReportQuery, format?: ReportFileFormat): HttpParams {
    return params({ from: query.from, to: query.to, agencyId: query.agencyId, serviceId: query.serviceId, format });
  }

  private hallParams(siteCode: string, query: HallReportQuery, format?: ReportFileFormat): HttpParams {
    return params({ site: siteCode, from: query.from, to: query.to, groupBy: query.groupBy, agencyId: query.agencyId, format });
  }

  survey(siteCode: string, query: SurveyReportQuery): Observable<SurveyReportResponse> {
    return this.http.get<SurveyReportResponse>(this.surveyUrl(siteCode), { params: this.surveyParams(query) });
  }

  surveyFile(siteCode: string, query: SurveyReportQuery, format: ReportFileFormat): Observable<ReportFile> {
    return jsonErrors(this.http.get(this.surveyUrl(siteCode), { params: this.surveyParams(query, format), responseType: 'blob', observe: 'response' })).pipe(
      map((response) => ({ blob: response.body ?? new Blob(), fileName: fileName(response, `skm-${siteCode}-${query.from}-${query.to}.${format}`) })),
    );
  }

  private complaintsUrl(siteCode: string, path: 'report' | 'export'): string {
    return `${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/complaints/${path}`;
  }

  /** The monthly complaint report (docs/complaints.md, Monthly report). */
  complaints(siteCode: string, month: string): Observable<ComplaintReportResponse> {
    return this.http.get<ComplaintReportResponse>(this.complaintsUrl(siteCode, 'report'), { params: params({ month }) });
  }

  complaintsFile(siteCode: string, month: string, format: ReportFileFormat): Observable<ReportFile> {
    return jsonErrors(this.http.get(this.complaintsUrl(siteCode, 'report'), { params: params({ month, format }), responseType: 'blob', observe: 'response' })).pipe(
      map((response) => ({ blob: response.body ?? new Blob(), fileName: fileName(response, `laporan-pengaduan-${siteCode}-${month}.${format}`) })),
    );
  }

  /** The month's complaints as Open311 GeoReport v2 requests, saved as a JSON file (site handlers only). */
  complaintsExport(siteCode: string, period: { from: string; to: string }): Observable<ReportFile> {
    return this.http
      .get(this.complaintsUrl(siteCode, 'export'), { params: params(period), responseType: 'blob' })
      .pipe(map((blob) => ({ blob, fileName: `open311-${siteCode}-${period.from}_${period.to}.json` })));
  }

  hall(siteCode: string, query: HallReportQuery): Observable<HallReportResponse> {
    return this.http.get<HallReportResponse>(`${this.baseUrl}/admin/reports/hall`, { params: this.hallParams(siteCode, query) });
  }

  hallFile(siteCode: string, query: HallReportQuery, format: ReportFileFormat): Observable<ReportFile> {
    return jsonErrors(this.http.get(`${this.baseUrl}/admin/reports/hall`, { params: this.hallParams(siteCode, query, format), responseType: 'blob', observe: 'response' })).pipe(
      map((response) => ({ blob: response.body ?? new Blob(), fileName: fileName(response, `kinerja-${siteCode}-${query.from}-${query.to}.${format}`) })),
    );
  }
}

/** Hands a downloaded file to the browser as a download. */
export function saveReportFile(doc: Document, file: ReportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
