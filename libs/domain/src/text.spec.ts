import { foldForSearch, isSlug, slugify } from './text';

describe(foldForSearch.name, () => {
  it('should lower-case, collapse whitespace and trim', () => {
    expect(foldForSearch('  Kartu   Keluarga\t\nBaru ')).toBe('kartu keluarga baru');
    expect(foldForSearch('KTP-el')).toBe('ktp-el');
  });

  it('should strip accents', () => {
    expect(foldForSearch('Café Sériéux')).toBe('cafe serieux');
    expect(foldForSearch('ÀÉÎÕÜ Ñ Ç')).toBe('aeiou n c');
  });

  it('should fold precomposed and decomposed forms alike', () => {
    expect(foldForSearch('caf\u00e9')).toBe('cafe');
    expect(foldForSearch('cafe\u0301')).toBe('cafe');
  });

  it('should fold a dotted capital I to a plain i', () => {
    expect(foldForSearch('İzin')).toBe('izin');
  });

  it('should treat non-breaking spaces as whitespace', () => {
    expect(foldForSearch('Akta\u00a0Kelahiran')).toBe('akta kelahiran');
  });

  it('should be idempotent', () => {
    const once = foldForSearch('  Pendaftaran  PESERTA BPJS Kesehatan — Mandiri ');
    expect(foldForSearch(once)).toBe(once);
  });
});

describe(slugify.name, () => {
  it.each([
    ['Dinas Kependudukan & Pencatatan Sipil', 'dinas-kependudukan-pencatatan-sipil'],
    ['SKCK (Baru)', 'skck-baru'],
    ['Kartu Keluarga — Perubahan Data', 'kartu-keluarga-perubahan-data'],
    ["Jum'at Berkah", 'jumat-berkah'],
    ['  Paspor 10 Tahun  ', 'paspor-10-tahun'],
    ['Pelayanan Café', 'pelayanan-cafe'],
    ['---', ''],
    ['', ''],
  ])('should turn %j into %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('should cut a long name at a word boundary within 64 characters', () => {
    const name = 'Pengesahan Validasi Bea Perolehan Hak atas Tanah dan Bangunan untuk Jual Beli';
    const slug = slugify(name);
    expect(slug).toBe('pengesahan-validasi-bea-perolehan-hak-atas-tanah-dan-bangunan');
    expect(slug.length).toBeLessThanOrEqual(64);
  });

  it('should cut a single long word at 64 characters', () => {
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(64));
  });

  it('should not cut back to an early word boundary', () => {
    expect(slugify(`ab ${'c'.repeat(80)}`)).toBe(`ab-${'c'.repeat(61)}`);
  });

  it('should keep a word boundary that falls exactly at 64 characters', () => {
    const text = `${'a'.repeat(64)} b`;
    expect(slugify(text)).toBe('a'.repeat(64));
  });

  it('should always produce a slug when anything usable is left', () => {
    for (const text of ['Ünïcödé ünd Spässe!', 'x'.repeat(63) + ' yy', '1 2 3', 'BPJS Kesehatan: Kelas III']) {
      expect([text, isSlug(slugify(text))]).toEqual([text, true]);
    }
  });
});

describe(isSlug.name, () => {
  it.each([['dukcapil'], ['ktp-el-baru'], ['a'], ['a1-2b'], ['a'.repeat(64)]])('should accept %j', (code) => {
    expect(isSlug(code)).toBe(true);
  });

  it.each([[''], ['-a'], ['a-'], ['a--b'], ['Dukcapil'], ['a_b'], ['a b'], ['é'], ['a'.repeat(65)]])(
    'should reject %j',
    (code) => {
      expect(isSlug(code)).toBe(false);
    },
  );
});
