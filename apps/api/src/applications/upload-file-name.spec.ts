import { cleanUploadFileName, MAX_FILE_NAME_LENGTH } from './upload-file-name';

describe(cleanUploadFileName.name, () => {
  it('should decode percent-encoded UTF-8 and keep an ordinary name as it is', () => {
    expect(cleanUploadFileName(encodeURIComponent('KTP Budi Santoso (depan).jpg'))).toBe('KTP Budi Santoso (depan).jpg');
    expect(cleanUploadFileName(encodeURIComponent('Kartu Keluarga – Ñusa.pdf'))).toBe('Kartu Keluarga – Ñusa.pdf');
  });

  it('should answer null when absent or empty, and undefined when it does not decode', () => {
    expect(cleanUploadFileName(undefined)).toBeNull();
    expect(cleanUploadFileName('%20%20')).toBeNull();
    expect(cleanUploadFileName('%E0%A4%A')).toBeUndefined();
    expect(cleanUploadFileName('a'.repeat(2001))).toBeUndefined();
  });

  it('should drop folders, control characters and direction overrides', () => {
    expect(cleanUploadFileName(encodeURIComponent('C:\\Users\\budi\\Pictures\\ktp.png'))).toBe('ktp.png');
    expect(cleanUploadFileName(encodeURIComponent('../../etc/passwd'))).toBe('passwd');
    expect(cleanUploadFileName(encodeURIComponent('scan\u0000\r\n.pdf'))).toBe('scan.pdf');
    expect(cleanUploadFileName(encodeURIComponent('foto\u202Egpj.exe'))).toBe('fotogpj.exe');
  });

  it('should cut a long name to the limit and keep its extension', () => {
    const long = `${'dokumen-'.repeat(30)}.pdf`;
    const cleaned = cleanUploadFileName(encodeURIComponent(long))!;
    expect([...cleaned].length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(cleaned.endsWith('.pdf')).toBe(true);
    expect(long.startsWith(cleaned.slice(0, -4))).toBe(true);
  });
});
