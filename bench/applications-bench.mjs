#!/usr/bin/env node
// `node bench/applications-bench.mjs [--no-uploads] [--no-inbox] [--citizens N] [--size-mb N]
//   [--rows N] [--requests N] [--malloc-arena-max N] [--json FILE]` (also run by `npm run bench`
// after the queue benchmark): digital applications (issue 14, "Measured") on the real API over HTTP.
//
// It builds the API if its sources changed (BENCH_API_MAIN=path/to/main.js runs another build
// instead), starts an embedded PostgreSQL of its own (throw-away data dir, free port, 127.0.0.1
// only) and the built API on it (bench/support.mjs, as the other benches), started as production
// starts it (`node --enable-source-maps main.js`, the Dockerfile's CMD, with MALLOC_ARENA_MAX=2 as
// the Dockerfile and `npm start` set it, and no FILES_IMAGE_* setting unless the options below ask
// for one: the bench prints what it used). As the system admin it creates a site, an agency, a service whose one requirement takes a document (PDF, JPEG, PNG; the service's
// default upload limit) and an officer of the agency. Then two phases:
//
//   uploads (`--no-uploads` skips it): CITIZENS (50) citizens at once, each as the portal does:
//     POST /api/v1/applications (no account: the answer carries the secret), then
//     PUT /api/v1/applications/:code/items/:requirementId/document with the file as the body,
//     `X-Application-Secret` and `X-File-Name`. Half send a PDF (a real PDF: a page with one big
//     RGB image stream, ~10 MB), half a phone photo (a 4000×3000 JPEG at quality 97 with camera
//     make, model and GPS in its EXIF, ~10 MB: noise, so it does not compress below that). Each
//     kind is generated once into a temp file and every upload streams from it (the bench never
//     holds 500 MB). Printed: failures (target 0), the API's resident memory sampled from
//     /proc/PID/status every 50 ms during the phase and its VmHWM (peak, reset at the phase's
//     start through /proc/PID/clear_refs; target < 400 MB), wall time, MB/s and files/s, p50/p99
//     upload latency per kind (request start to answer received), and the API's and PostgreSQL's
//     CPU. Afterwards, for a sample of SAMPLE_DOWNLOADS uploads (both kinds), the document is
//     downloaded (GET /api/v1/applications/:code/documents/:id) and its sha256 compared with the
//     upload's answer (and, for a PDF, with the file sent: stored as it came); a downloaded photo
//     must carry no EXIF (re-encoded without GPS).
//   inbox (`--no-inbox` skips it): ROWS (20,000) applications of the bench agency (and 2,000 of a
//     second agency) seeded by SQL as apps/api/test/applications-inbox.e2e-spec.ts does (every
//     state with every clock phase, due dates around now, codes unique by construction), ANALYZE,
//     then as the officer, over HTTP, one request at a time, REQUESTS (200) measured requests
//     (after 20 unmeasured) of GET /api/v1/agency/applications for: the first page,
//     state=in_process, due=overdue, due=due_soon, due=at_risk, and a page 15,000 rows deep (its
//     cursor found by paging with limit=100).
//     p50/p99 each; target p99 < 100 ms.
//
// It is a measurement, not a test: exit code 0 when a target is missed, 1 when the bench failed.
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIfStale, ROOT, TARGETS } from '../scripts/build-if-stale.mjs';
import { BenchSystem } from './support.mjs';
import { signInStaff } from './staff-sign-in.mjs';

const require = createRequire(import.meta.url);

const CITIZENS = 50;
/** What the Dockerfile and `npm start` set (glibc's arenas; docs/files.md). */
const PRODUCTION_MALLOC_ARENA_MAX = 2;
const SIZE_MB = 10;
const ROWS = 20_000;
const OTHER_AGENCY_ROWS = 2_000;
const REQUESTS = 200;
const WARMUP_REQUESTS = 20;
const DEEP_ROWS = 15_000;
const SAMPLE_DOWNLOADS = 6;
const RSS_SAMPLE_MS = 50;
/** The whole run is cut off after this. */
const DEADLINE_MS = 900_000;
const REQUEST_TIMEOUT_MS = 180_000;
const PHOTO = { width: 4000, height: 3000, quality: 97, sigma: 30 };
const CAMERA_MAKE = 'BenchPhone';

const GOALS = {
  uploadFailed: { text: '0', pass: (v) => v === 0 },
  uploadPeakRssMb: { text: '< 400 MB', pass: (v) => v < 400 },
  downloadMismatches: { text: '0', pass: (v) => v === 0 },
  inboxP99Ms: { text: '< 100 ms', pass: (v) => v < 100 },
};

const log = (message) => process.stdout.write(`${message}\n`);
const running = { system: null, tmp: null, agent: null };

// ---- the command ----------------------------------------------------------------------------

const OPTIONS = {
  'no-uploads': { type: 'boolean' },
  'no-inbox': { type: 'boolean' },
  citizens: { type: 'string' },
  'size-mb': { type: 'string' },
  rows: { type: 'string' },
  requests: { type: 'string' },
  'malloc-arena-max': { type: 'string' },
  'image-concurrency': { type: 'string' },
  kinds: { type: 'string' },
  json: { type: 'string' },
};

function whole(value, fallback, min, max, name) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return n;
}

/** --kinds pdf,jpeg (default): what the citizens upload, in turn (pdf alone or jpeg alone tells which costs the memory). */
function readKinds(value) {
  const kinds = (value ?? 'pdf,jpeg').split(',').map((k) => k.trim());
  if (kinds.length === 0 || kinds.some((k) => k !== 'pdf' && k !== 'jpeg')) throw new Error(`--kinds must be pdf, jpeg or pdf,jpeg (got ${value})`);
  return [...new Set(kinds)];
}

function readArgs(argv) {
  const { values: a } = parseArgs({ args: argv, options: OPTIONS });
  return {
    uploads: !a['no-uploads'],
    inbox: !a['no-inbox'],
    citizens: whole(a.citizens, CITIZENS, 1, 500, 'citizens'),
    sizeMb: whole(a['size-mb'], SIZE_MB, 1, 50, 'size-mb'),
    // A 13th of the rows are drafts, which the inbox leaves out: enough rows for a page DEEP_ROWS deep.
    rows: whole(a.rows, ROWS, Math.ceil((DEEP_ROWS * 13) / 12) + 500, 1_000_000, 'rows'),
    requests: whole(a.requests, REQUESTS, 10, 10_000, 'requests'),
    mallocArenaMax: a['malloc-arena-max'] === undefined ? PRODUCTION_MALLOC_ARENA_MAX : whole(a['malloc-arena-max'], null, 1, 64, 'malloc-arena-max'),
    imageConcurrency: a['image-concurrency'] === undefined ? null : whole(a['image-concurrency'], null, 1, 16, 'image-concurrency'),
    kinds: readKinds(a.kinds),
    json: a.json ?? null,
  };
}

/** The whole bench as a command; returns its exit code. `argv` as process.argv.slice(2). */
export async function main(argv = []) {
  let args;
  try {
    args = readArgs(argv);
  } catch (error) {
    process.stderr.write(`applications bench: ${error.message}\n`);
    return 1;
  }
  if (!args.uploads && !args.inbox) {
    log('applications bench: --no-uploads and --no-inbox: nothing to measure');
    return 0;
  }
  const started = performance.now();
  const deadline = setTimeout(() => {
    process.stderr.write(`\napplications bench failed: it took longer than ${DEADLINE_MS / 1000} s\n`);
    void stopSystem().finally(() => process.exit(1));
  }, DEADLINE_MS);
  const stopOnSignal = () => void stopSystem().finally(() => process.exit(130));
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stopOnSignal);
  try {
    const apiMain = process.env.BENCH_API_MAIN ? resolve(process.env.BENCH_API_MAIN) : (buildIfStale(['api']), join(ROOT, TARGETS.api.output));
    running.tmp = mkdtempSync(join(tmpdir(), 'mpp-applications-bench-'));
    const http = await httpClient();
    const system = await startSystem(apiMain, args);
    const send = http(system.base);
    log(
      `\napplications bench: API on ${system.base} (pid ${system.pid}; ${describeApiEnv(system.apiEnv)}), ` +
        `${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    );
    const setup = await setUp(send, system);
    const figures = {
      apiEnvironment: system.apiEnv,
      uploads: null,
      inbox: null,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: loadavg().map((l) => round(l, 2)) },
    };
    if (args.uploads) figures.uploads = await uploadsPhase(send, setup, system, args);
    if (args.inbox) figures.inbox = await inboxPhase(send, setup, system, args);
    figures.machine.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
    figures.at = new Date().toISOString();
    printTable(figures);
    if (args.json) {
      writeFileSync(resolve(args.json), `${JSON.stringify(figures, null, 2)}\n`);
      log(`figures written to ${resolve(args.json)}`);
    }
    log(`applications bench done in ${seconds(performance.now() - started)}`);
    return 0;
  } catch (error) {
    process.stderr.write(`\napplications bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(deadline);
    for (const signal of ['SIGINT', 'SIGTERM']) process.removeListener(signal, stopOnSignal);
    await stopSystem();
  }
}

// ---- set-up: site, agency, a service with a document to upload, an officer --------------------

async function setUp(send, system) {
  const { accessToken } = await signInStaff(send, system.admin);
  const as = { token: accessToken };
  const siteCode = `mpp-bench-app-${randomBytes(3).toString('hex')}`;
  await expect(send, 201, 'POST', '/api/v1/admin/sites', {
    ...as,
    body: {
      code: siteCode,
      name: 'MPP Bench Permohonan',
      city: 'Kota Bench',
      province: 'DKI Jakarta',
      address: 'Jl. Pengukuran No. 2',
      timeZone: 'Asia/Jakarta',
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '16:00', breaks: [] })),
      closesOnCutiBersama: true,
    },
  });
  const agencies = [];
  for (const [code, name] of [
    ['dinas-bench', 'Dinas Pengukuran Kota Bench'],
    ['dinas-lain', 'Dinas Lain Kota Bench'],
  ]) {
    const agency = await expect(send, 201, 'POST', `/api/v1/admin/sites/${siteCode}/agencies`, { ...as, body: { code, name, shortName: name.slice(0, 20) } });
    const service = await expect(send, 201, 'POST', `/api/v1/admin/agencies/${agency.id}/services`, { ...as, body: serviceBody(code) });
    agencies.push({ id: agency.id, service });
  }
  const [main, other] = agencies;
  const requirement = main.service.requirements.find((r) => r.uploadable);
  if (!requirement?.id) throw new Error(`the service answered no uploadable requirement with an id: ${JSON.stringify(main.service.requirements)}`);
  const officer = { email: 'petugas@bench-permohonan.mpp.local', password: randomBytes(12).toString('base64url') };
  await expect(send, 201, 'POST', '/api/v1/admin/users', { ...as, body: { ...officer, fullName: 'Petugas Bench', role: 'officer', agencyId: main.id } });
  const { accessToken: officerToken } = await signInStaff(send, officer);
  return { siteCode, agencyId: main.id, serviceId: main.service.id, requirementId: requirement.id, otherAgencyId: other.id, officerToken };
}

function serviceBody(code) {
  return {
    code: `izin-${code}`,
    name: 'Izin Bench',
    nameEn: 'Bench permit',
    summary: 'Layanan untuk pengukuran permohonan.',
    summaryEn: 'A service for measuring applications.',
    description: 'Layanan buatan untuk mengukur unggahan dan kotak masuk permohonan.',
    descriptionEn: 'A made-up service to measure uploads and the applications inbox.',
    synonyms: [],
    requirements: [{ name: 'Pindaian KTP-el', mandatory: true, form: 'copy', uploadable: true, fileTypes: ['pdf', 'jpg', 'png'] }],
    procedure: [{ text: 'Unggah dokumen.' }],
    completionTime: { value: 5, unit: 'working_days' },
    fee: { free: true, amount: 0, legalBasis: 'Tidak dipungut biaya' },
    product: 'Surat izin',
    legalBasis: ['UU 25/2009 tentang Pelayanan Publik'],
    complaintChannel: 'SP4N-LAPOR! (lapor.go.id)',
    queue: { ticketPrefix: code === 'dinas-bench' ? 'P' : 'Q', expectedServiceMinutes: 10, walkInEnabled: true, onlineBookingEnabled: false },
  };
}

// ---- phase 1: 50 citizens upload 10 MB each at once --------------------------------------------

async function uploadsPhase(send, setup, system, args) {
  const bytes = args.sizeMb * 2 ** 20;
  const t0 = performance.now();
  const pdf = await writePdf(join(running.tmp, 'ktp-scan.pdf'), bytes);
  const photo = await writePhoto(join(running.tmp, 'foto-ktp.jpg'));
  log(`uploads: files generated in ${seconds(performance.now() - t0)}: PDF ${mb(pdf.size)} MB (sha256 ${pdf.sha256.slice(0, 12)}…), JPEG ${mb(photo.size)} MB (${PHOTO.width}×${PHOTO.height}, EXIF with GPS)`);
  const all = { pdf: { ...pdf, contentType: 'application/pdf', name: 'scan KTP-el.pdf' }, jpeg: { ...photo, contentType: 'image/jpeg', name: 'IMG_20261204_091500.jpg' } };
  const kinds = Object.fromEntries(args.kinds.map((k) => [k, all[k]]));

  await settle(system, 'uploads');
  const memory = memoryWatch(system.pid);
  const cpu = cpuSample(system);
  const load = loadavg()[0];
  const phaseStart = performance.now();
  const results = await Promise.all(
    Array.from({ length: args.citizens }, async (_, i) => {
      const kind = args.kinds[i % args.kinds.length];
      const file = kinds[kind];
      const created = await send('POST', '/api/v1/applications', { body: citizen(setup.serviceId, i) });
      if (created.status !== 201) return { kind, failed: `create ${created.status} ${created.body?.code ?? ''}`.trim(), message: problemOf(created.body), createMs: created.ms };
      const { application, secret } = created.body;
      const upload = await send('PUT', `/api/v1/applications/${encodeURIComponent(application.code)}/items/${setup.requirementId}/document`, {
        headers: {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'x-application-secret': secret,
          'x-file-name': encodeURIComponent(file.name),
        },
        stream: () => createReadStream(file.path, { highWaterMark: 256 * 1024 }),
      });
      const base = { kind, code: application.code, secret, createMs: created.ms, uploadMs: upload.ms, status: upload.status };
      if (upload.status !== 200 && upload.status !== 201) return { ...base, failed: `upload ${upload.status} ${upload.body?.code ?? ''}`.trim(), message: problemOf(upload.body) };
      const document = documentOf(upload.body, setup.requirementId);
      if (!document?.sha256 || !document?.id) return { ...base, failed: `upload ${upload.status}: no document id and sha256 in the answer` };
      return { ...base, document };
    }),
  );
  const wallMs = performance.now() - phaseStart;
  const used = cpuSince(cpu, system);
  const rss = await memory.stop();
  const ok = results.filter((r) => !r.failed);
  const failures = countBy(results.filter((r) => r.failed).map((r) => r.failed + (r.message ? ` (${r.message})` : '')));
  const sentBytes = ok.reduce((sum, r) => sum + kinds[r.kind].size, 0);
  const byKind = Object.fromEntries(
    Object.keys(kinds).map((kind) => {
      const mine = ok.filter((r) => r.kind === kind);
      return [kind, { uploaded: mine.length, uploadP50Ms: round(percentile(mine.map((r) => r.uploadMs), 50), 0), uploadP99Ms: round(percentile(mine.map((r) => r.uploadMs), 99), 0), maxMs: round(Math.max(...mine.map((r) => r.uploadMs)), 0) }];
    }),
  );
  log(
    `uploads: ${args.citizens} citizens at once (${results.filter((r) => r.kind === 'pdf').length} PDFs, ${results.filter((r) => r.kind === 'jpeg').length} photos), ${ok.length} stored, ${results.length - ok.length} failed` +
      (failures.size ? ` (${[...failures].map(([why, n]) => `${why} ×${n}`).join('; ')})` : '') +
      `; wall ${seconds(wallMs)}, ${round(sentBytes / 2 ** 20 / (wallMs / 1000), 1)} MB/s, ${round(ok.length / (wallMs / 1000), 2)} files/s; ` +
      `create p50 ${round(percentile(results.map((r) => r.createMs), 50), 0)} ms; ` +
      Object.entries(byKind).map(([k, v]) => `${k} p50 ${v.uploadP50Ms} ms, p99 ${v.uploadP99Ms} ms`).join('; ') +
      `; API RSS ${rss.beforeMb} MB before, peak ${rss.peakMb} MB (sampled every ${RSS_SAMPLE_MS} ms; VmHWM ${rss.hwmMb ?? 'n/a'} MB), ${rss.afterMb} MB after; ${describeCpu(used)}; load average at start ${load.toFixed(2)}`,
  );

  const check = await checkDownloads(send, ok, kinds);
  log(
    `uploads: downloaded ${check.checked} (${check.kinds}): ${check.mismatches} sha256 mismatch(es), ${check.exifLeft} photo(s) still with EXIF` +
      (check.problems.length ? `: ${check.problems.join('; ')}` : ''),
  );
  return {
    citizens: args.citizens,
    fileBytes: { pdf: pdf.size, jpeg: photo.size },
    failed: results.length - ok.length,
    failures: Object.fromEntries(failures),
    wallMs: round(wallMs, 0),
    megabytesPerSecond: round(sentBytes / 2 ** 20 / (wallMs / 1000), 1),
    filesPerSecond: round(ok.length / (wallMs / 1000), 2),
    createP50Ms: round(percentile(results.map((r) => r.createMs), 50), 0),
    createP99Ms: round(percentile(results.map((r) => r.createMs), 99), 0),
    byKind,
    rss,
    cpuSeconds: used,
    downloadsChecked: check.checked,
    downloadMismatches: check.mismatches + check.exifLeft,
    loadAverageAtStart: round(load, 2),
  };
}

const FIRST_NAMES = ['Yohana', 'Budi', 'Siti', 'Agus', 'Maria', 'Dewi', 'Yosef', 'Nur', 'Rudi', 'Fransiska'];
const LAST_NAMES = ['Seran', 'Santoso', 'Rahayu', 'Ndolu', 'Lado', 'Manafe', 'Wijaya', 'Pah', 'Bria', 'Tefa'];

/** A valid-looking citizen per index: a NIK (Kota Kupang, born 1 Jan 1990, serial i+1) and a mobile number of its own. */
function citizen(serviceId, i) {
  const serial = String(i + 1).padStart(4, '0');
  return { serviceId, nik: `537101010190${serial}`, fullName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`, phone: `0812-7700-${serial}`, language: i % 5 === 0 ? 'en' : 'id' };
}

/** What an error answer says, in English, with its fields' problems. */
function problemOf(body) {
  if (!body || typeof body !== 'object') return body ? String(body).slice(0, 200) : undefined;
  const fields = (body.fields ?? []).map?.((d) => `${d.field}: ${d.message?.en ?? d.message}`) ?? [];
  return [body.message?.en ?? body.message, ...fields].filter(Boolean).join('; ');
}

/**
 * The uploaded document in an upload's answer: the document itself, or an application whose
 * item for the requirement lists its documents (the newest last).
 */
function documentOf(body, requirementId) {
  if (!body || typeof body !== 'object') return null;
  if (body.sha256 && body.id) return body;
  if (body.document?.sha256) return body.document;
  const application = body.application ?? body;
  const item = application.items?.find((it) => it.requirementId === requirementId || it.requirement?.id === requirementId);
  const documents = item?.documents ?? [];
  return documents[documents.length - 1] ?? null;
}

/** Downloads a sample of both kinds: sha256 as answered (and as sent, for a PDF); a photo without EXIF. */
async function checkDownloads(send, ok, kinds) {
  const sample = [...ok.filter((r) => r.kind === 'pdf').slice(0, Math.ceil(SAMPLE_DOWNLOADS / 2)), ...ok.filter((r) => r.kind === 'jpeg').slice(0, Math.floor(SAMPLE_DOWNLOADS / 2))];
  const problems = [];
  let mismatches = 0;
  let exifLeft = 0;
  for (const r of sample) {
    const target = join(running.tmp, `download-${r.code}`);
    const res = await send('GET', `/api/v1/applications/${encodeURIComponent(r.code)}/documents/${r.document.id}`, { headers: { 'x-application-secret': r.secret }, saveTo: target });
    if (res.status !== 200) {
      mismatches += 1;
      problems.push(`${r.kind} ${r.code}: download answered ${res.status}`);
      continue;
    }
    const stored = res.sha256;
    if (stored !== r.document.sha256) {
      mismatches += 1;
      problems.push(`${r.kind} ${r.code}: downloaded ${stored.slice(0, 12)}…, answered ${r.document.sha256.slice(0, 12)}…`);
    }
    if (r.kind === 'pdf' && stored !== kinds.pdf.sha256) {
      mismatches += 1;
      problems.push(`pdf ${r.code}: the stored PDF is not the one sent`);
    }
    if (r.kind === 'jpeg') {
      const sharp = require('sharp');
      const meta = await sharp(target).metadata();
      if (meta.exif || readFileSync(target).includes(Buffer.from(CAMERA_MAKE))) {
        exifLeft += 1;
        problems.push(`jpeg ${r.code}: still has EXIF`);
      }
    }
    rmSync(target, { force: true });
  }
  return { checked: sample.length, kinds: `${sample.filter((r) => r.kind === 'pdf').length} PDFs, ${sample.filter((r) => r.kind === 'jpeg').length} photos`, mismatches, exifLeft, problems };
}

/**
 * A real PDF of about `bytes`: catalogue, pages, one A4 page drawing one image XObject, the image
 * an RGB stream of pseudo-random bytes (a scan that does not compress), the cross-reference table
 * with every object's offset, the trailer. Written in 1 MiB pieces, never held whole.
 */
export async function writePdf(path, bytes) {
  const width = 2480; // A4 at 300 dpi
  const overhead = 1200;
  const height = Math.max(1, Math.floor((bytes - overhead) / (width * 3)));
  const imageLength = width * height * 3;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  ];
  const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let offset = 0;
  const offsets = [];
  const write = async (chunk) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    hash.update(buffer);
    offset += buffer.length;
    if (!out.write(buffer)) await new Promise((done) => out.once('drain', done));
  };
  await write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  for (const [i, body] of objects.entries()) {
    offsets.push(offset);
    await write(`${i + 1} 0 obj\n${body}\nendobj\n`);
  }
  offsets.push(offset);
  await write(`4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`);
  offsets.push(offset);
  await write(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${imageLength} >>\nstream\n`);
  const piece = 2 ** 20;
  for (let left = imageLength; left > 0; left -= piece) await write(randomBytes(Math.min(piece, left)));
  await write('\nendstream\nendobj\n');
  const xref = offset;
  await write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  await write(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  await new Promise((done, reject) => out.end((error) => (error ? reject(error) : done())));
  return { path, size: statSync(path).size, sha256: hash.digest('hex') };
}

/** A phone photo: 4000×3000 (12 MP), noise over a colour, JPEG quality 97 (~10 MB), EXIF with camera and GPS (Kupang). */
export async function writePhoto(path) {
  const sharp = require('sharp');
  await sharp({ create: { width: PHOTO.width, height: PHOTO.height, channels: 3, background: { r: 120, g: 140, b: 110 }, noise: { type: 'gaussian', mean: 128, sigma: PHOTO.sigma } } })
    .withMetadata({
      exif: {
        IFD0: { Make: CAMERA_MAKE, Model: 'Bench 12' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '123/1 35/1 0/1' },
      },
    })
    .jpeg({ quality: PHOTO.quality })
    .toFile(path);
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return { path, size: statSync(path).size, sha256: hash.digest('hex') };
}

// ---- phase 2: the agency inbox at 20,000 applications ----------------------------------------

/** A clock phase per 13 rows (one of each state), three running in six. */
const INBOX_PHASES = ['running', 'running', 'running', 'paused', 'stopped', 'not_started'];
const INBOX_STATES = ['submitted', 'in_verification', 'returned', 'resubmitted', 'complete', 'in_process', 'approved', 'ready', 'done', 'rejected', 'withdrawn', 'expired', 'draft'];

async function inboxPhase(send, setup, system, args) {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: system.databaseUrl });
  await pg.connect();
  const seedStart = performance.now();
  try {
    // As apps/api/test/applications-inbox.e2e-spec.ts: every state with every clock phase, due dates
    // from 200 hours ago to 200 hours ahead (none before the clock starts), legal deadlines from the
    // due date to four days after, created every 15 minutes back from now; codes unique by
    // construction (a letter per agency, the row number).
    for (const [agencyId, count, letter] of [
      [setup.agencyId, args.rows, 'B'],
      [setup.otherAgencyId, OTHER_AGENCY_ROWS, 'L'],
    ]) {
      await pg.query(
        `INSERT INTO application (code, service_id, site_id, agency_id, requirements_version, state, owner_secret_hash, nik_hash, nik_cipher, name_cipher, phone_cipher,
           clock_phase, due_at, legal_due_at, created_at, updated_at)
         SELECT $4::text || lpad(g::text, 7, '0'), s.id, s.site_id, s.agency_id, 1, ($2::text[])[1 + g % cardinality($2::text[])], '\\x00', repeat('0', 64), 'x', 'x', 'x',
                p.phase, d.due, d.due + (g % 5) * interval '1 day', now() - g * interval '15 minutes', now()
           FROM generate_series(1, $3::int) g,
                LATERAL (SELECT ($5::text[])[1 + (g / 13) % cardinality($5::text[])] AS phase) p,
                LATERAL (SELECT CASE WHEN p.phase = 'not_started' THEN NULL ELSE now() + ((g % 400) - 200) * interval '1 hour' END AS due) d,
                LATERAL (SELECT id, site_id, agency_id FROM service WHERE agency_id = $1 ORDER BY code LIMIT 1) s`,
        [agencyId, INBOX_STATES, count, letter, INBOX_PHASES],
      );
    }
    await pg.query('ANALYZE application');
  } finally {
    await pg.end();
  }
  log(`inbox: ${args.rows} applications of the agency and ${OTHER_AGENCY_ROWS} of another seeded and analysed in ${seconds(performance.now() - seedStart)}`);

  // The cursor of a page DEEP_ROWS rows deep, as a client reaches it: by paging.
  const path = '/api/v1/agency/applications';
  let cursor = null;
  for (let seen = 0; seen < DEEP_ROWS; seen += 100) {
    const page = await expect(send, 200, 'GET', `${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: setup.officerToken });
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`the inbox ended after ${seen + page.items.length} rows, before ${DEEP_ROWS}`);
  }
  const cases = [
    ['first page', ''],
    ['state=in_process', '?state=in_process'],
    ['due=overdue', '?due=overdue'],
    ['due=due_soon', '?due=due_soon'],
    ['due=at_risk', '?due=at_risk'],
    [`${DEEP_ROWS.toLocaleString('en')} rows deep`, `?cursor=${cursor}`],
  ];
  await settle(system, 'inbox');
  const load = loadavg()[0];
  const results = [];
  for (const [name, query] of cases) {
    const times = [];
    let items = null;
    const cpu = cpuSample(system);
    for (let i = 0; i < WARMUP_REQUESTS + args.requests; i += 1) {
      const res = await send('GET', `${path}${query}`, { token: setup.officerToken });
      if (res.status !== 200) throw new Error(`GET ${path}${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
      if (i >= WARMUP_REQUESTS) times.push(res.ms);
      items = res.body.items.length;
    }
    const used = cpuSince(cpu, system);
    const figure = { name, query, requests: times.length, items, p50Ms: round(percentile(times, 50), 1), p99Ms: round(percentile(times, 99), 1), maxMs: round(Math.max(...times), 1), apiCpuMsPerRequest: used ? round((used.api * 1000) / (WARMUP_REQUESTS + args.requests), 2) : null };
    results.push(figure);
    log(`inbox: ${name}: ${figure.requests} requests, ${items} items a page, p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms, max ${figure.maxMs} ms; API ${figure.apiCpuMsPerRequest ?? 'n/a'} ms CPU per request`);
  }
  return { rows: args.rows, otherAgencyRows: OTHER_AGENCY_ROWS, cases: results, p99Ms: Math.max(...results.map((r) => r.p99Ms)), loadAverageAtStart: round(load, 2) };
}

// ---- the printed table ----------------------------------------------------------------------

function printTable(f) {
  const rows = [];
  const verdict = (key, value) => (value === null || value === undefined ? '' : GOALS[key].pass(value) ? 'PASS' : 'MISS');
  if (f.uploads) {
    const u = f.uploads;
    rows.push([`uploads failed (${u.citizens} citizens at once, ~${mb(u.fileBytes.pdf)} MB each)`, String(u.failed), GOALS.uploadFailed.text, verdict('uploadFailed', u.failed)]);
    const peak = Math.max(u.rss.peakMb ?? 0, u.rss.hwmMb ?? 0);
    rows.push(['API peak RSS during the uploads', `${peak} MB (from ${u.rss.beforeMb} MB)`, GOALS.uploadPeakRssMb.text, verdict('uploadPeakRssMb', peak)]);
    rows.push(['upload throughput', `${u.megabytesPerSecond} MB/s, ${u.filesPerSecond} files/s (wall ${seconds(u.wallMs)})`, '', '']);
    for (const [kind, v] of Object.entries(u.byKind)) rows.push([`${kind} upload latency p50 / p99`, `${ms(v.uploadP50Ms)} / ${ms(v.uploadP99Ms)}`, '', '']);
    rows.push([`downloads whose sha256 or EXIF is wrong (of ${u.downloadsChecked})`, String(u.downloadMismatches), GOALS.downloadMismatches.text, verdict('downloadMismatches', u.downloadMismatches)]);
  }
  if (f.inbox) {
    for (const c of f.inbox.cases) rows.push([`inbox ${c.name} p50 / p99 (${f.inbox.rows.toLocaleString('en')} rows)`, `${ms(c.p50Ms)} / ${ms(c.p99Ms)}`, GOALS.inboxP99Ms.text, verdict('inboxP99Ms', c.p99Ms)]);
  }
  const misses = rows.filter((r) => r[3] === 'MISS').length;
  log('');
  log('digital applications');
  printColumns(['metric', 'value', 'target', 'result'], rows);
  log('');
  log(misses ? `${misses} target(s) MISSED (a measurement, not a test: exit code 0)` : 'all targets met');
  log(`API started with ${describeApiEnv(f.apiEnvironment)}; machine: ${f.machine.cpus} CPUs (${f.machine.cpuModel}), Node ${f.machine.node}, load average ${f.machine.loadAverageAtStart.join(' ')} at start, ${f.machine.loadAverageAtEnd.join(' ')} at the end`);
}

function printColumns(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

function describeApiEnv(env) {
  return `MALLOC_ARENA_MAX ${env.MALLOC_ARENA_MAX ?? 'unset'}, FILES_IMAGE_CONCURRENCY ${env.FILES_IMAGE_CONCURRENCY ?? 'unset (2)'}, FILES_IMAGE_QUEUE ${env.FILES_IMAGE_QUEUE ?? 'unset (100)'}`;
}

// ---- the API's memory and CPU, from /proc --------------------------------------------------------

function vm(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** Samples the API's RSS every RSS_SAMPLE_MS until stop(); VmHWM too, reset first when /proc/PID/clear_refs allows it. */
function memoryWatch(pid) {
  let hwmReset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    hwmReset = true;
  } catch {
    // not allowed here: the peak is the samples' only
  }
  const before = vm(pid).rss;
  let peak = before;
  const timer = setInterval(() => {
    const { rss } = vm(pid);
    if (rss > peak) peak = rss;
  }, RSS_SAMPLE_MS);
  return {
    async stop() {
      clearInterval(timer);
      const now = vm(pid);
      peak = Math.max(peak, now.rss);
      await sleep(2000);
      const toMb = (kb) => (Number.isFinite(kb) ? round(kb / 1024, 1) : null);
      return { beforeMb: toMb(before), peakMb: toMb(peak), hwmMb: hwmReset ? toMb(now.hwm) : null, afterMb: toMb(vm(pid).rss), sampledEveryMs: RSS_SAMPLE_MS };
    },
  };
}

const CLOCK_TICKS = 100;

function ticks(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime + stime + cutime + cstime: a PostgreSQL backend that exited is counted in the postmaster's children's time.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function cpuSample(system) {
  try {
    const postmaster = running.system?.postmasterPid ?? null;
    let pg = 0;
    for (const entry of readdirSafe('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const t = ticks(entry);
      if (t && (Number(entry) === postmaster || t.ppid === postmaster)) pg += t.ticks;
    }
    return { api: (ticks(system.pid)?.ticks ?? 0) / CLOCK_TICKS, postgres: pg / CLOCK_TICKS, wall: performance.now() / 1000 };
  } catch {
    return null;
  }
}

function cpuSince(before, system) {
  const now = cpuSample(system);
  if (!before || !now) return null;
  return { wall: round(now.wall - before.wall, 2), api: round(now.api - before.api, 2), postgres: round(now.postgres - before.postgres, 2) };
}

function describeCpu(c) {
  return c ? `CPU s over ${c.wall} s: API ${c.api}, PostgreSQL ${c.postgres}` : 'CPU use not available';
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Waits (at most 30 s) until the API is idle (under a tenth of a core for half a second): start-up's and set-up's work is not measured. */
async function settle(system, phase) {
  const started = performance.now();
  for (;;) {
    const before = cpuSample(system);
    await sleep(500);
    const used = cpuSince(before, system);
    if (!used || used.api + used.postgres < 0.05) return;
    if (performance.now() - started > 30_000) {
      log(`  before ${phase}: the API and PostgreSQL still busy after 30 s; measuring anyway`);
      return;
    }
  }
}

// ---- a system of its own: embedded PostgreSQL and the built API (bench/support.mjs) -------------

async function startSystem(apiMain, args) {
  const system = new BenchSystem('applications-bench', { apiMain });
  running.system = system;
  const databaseUrl = await system.startDatabase('mpp_applications_bench');
  const admin = { email: 'bench@mpp.local', password: randomBytes(18).toString('base64url') };
  // As production starts it: only what the options name (printed with the figures).
  const apiEnv = {};
  if (args.mallocArenaMax !== null) apiEnv.MALLOC_ARENA_MAX = String(args.mallocArenaMax);
  if (args.imageConcurrency !== null) apiEnv.FILES_IMAGE_CONCURRENCY = String(args.imageConcurrency);
  const api = await system.startApi({
    nodeArgs: ['--enable-source-maps'],
    unset: ['S3_URL', 'MALLOC_ARENA_MAX', 'FILES_IMAGE_CONCURRENCY', 'FILES_IMAGE_QUEUE'],
    env: { ...apiEnv, NODE_ENV: 'production', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED: 'false', OUTBOX_RELAY_SECONDS: '0' },
    timeoutMs: 120_000,
  });
  return { base: api.base, pid: api.pid, admin, databaseUrl, apiEnv };
}

async function stopSystem() {
  const { system, agent, tmp } = running;
  running.system = running.agent = running.tmp = null;
  await agent?.close().catch(() => undefined);
  await system?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

// ---- HTTP (undici: kept-alive connections, streamed bodies both ways) ---------------------------

async function httpClient() {
  const undici = await import('undici');
  running.agent = new undici.Agent({ connections: 128, pipelining: 1, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
  /**
   * send(method, path, { token, body (JSON), stream (a function making the body stream), headers, saveTo (a file: the answer's
   * bytes are written there and hashed instead of parsed) }) → { status, body, ms, sha256? }. ms: request start to answer received.
   */
  return (base) =>
    async function send(method, path, { token, body, stream, headers = {}, saveTo } = {}) {
      const allHeaders = { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
      const started = performance.now();
      try {
        const res = await undici.request(base + path, { method, headers: allHeaders, body: stream ? stream() : body ? JSON.stringify(body) : undefined, dispatcher: running.agent });
        if (saveTo && res.statusCode === 200) {
          const hash = createHash('sha256');
          res.body.on('data', (chunk) => hash.update(chunk));
          await pipeline(res.body, createWriteStream(saveTo));
          return { status: res.statusCode, body: null, ms: performance.now() - started, sha256: hash.digest('hex') };
        }
        const text = await res.body.text();
        return { status: res.statusCode, body: parseJson(text), ms: performance.now() - started };
      } catch (error) {
        return { status: 0, body: { code: `NO_ANSWER: ${error.code ?? error.message}` }, ms: performance.now() - started };
      }
    };
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

async function expect(send, status, method, path, options) {
  const res = await send(method, path, options);
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---- small helpers ---------------------------------------------------------------------------

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function countBy(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function round(value, digits = 1) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

function seconds(msValue) {
  return `${(msValue / 1000).toFixed(1)} s`;
}

function ms(value) {
  return value === null || value === undefined ? 'n/a' : `${value} ms`;
}

function mb(bytes) {
  return round(bytes / 2 ** 20, 1);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) process.exit(await main(process.argv.slice(2)));
