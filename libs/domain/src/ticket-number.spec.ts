import { callAnnouncement, formatTicketNumber, indonesianNumberWords, spokenTicketNumber } from './ticket-number';

describe(formatTicketNumber.name, () => {
  it.each([
    ['A', 1, 'A001'],
    ['A', 42, 'A042'],
    ['A', 999, 'A999'],
    ['A', 1000, 'A1000'],
    ['B', 120, 'B120'],
    ['Z', 12345, 'Z12345'],
  ])('should format %s and %d as %s', (prefix, n, expected) => {
    expect(formatTicketNumber(prefix, n)).toBe(expected);
  });

  it.each(['', 'a', 'A1', ' A', 'É'])('should throw a RangeError for the prefix %j', (prefix) => {
    expect(() => formatTicketNumber(prefix, 1)).toThrow(RangeError);
  });

  it.each([0, -1, 1.5, NaN, Infinity])('should throw a RangeError for the number %d', (n) => {
    expect(() => formatTicketNumber('A', n)).toThrow(RangeError);
  });
});

describe(indonesianNumberWords.name, () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [3, 'tiga'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [15, 'lima belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [47, 'empat puluh tujuh'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [120, 'seratus dua puluh'],
    [200, 'dua ratus'],
    [250, 'dua ratus lima puluh'],
    [311, 'tiga ratus sebelas'],
    [608, 'enam ratus delapan'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
  ])('should read %d as "%s"', (n, expected) => {
    expect(indonesianNumberWords(n)).toBe(expected);
  });

  it('should give a distinct reading to every number 0–999', () => {
    const readings = new Set(Array.from({ length: 1000 }, (_, n) => indonesianNumberWords(n)));
    expect(readings.size).toBe(1000);
  });

  it.each([-1, 1000, 2.5, NaN])('should throw a RangeError for %d', (n) => {
    expect(() => indonesianNumberWords(n)).toThrow(RangeError);
  });
});

describe(spokenTicketNumber.name, () => {
  it.each([
    ['A001', 'A nol nol satu'],
    ['B120', 'B satu dua nol'],
    ['C999', 'C sembilan sembilan sembilan'],
    ['D1000', 'D satu nol nol nol'],
    ['AB045', 'A B nol empat lima'],
  ])('should read %s as "%s"', (display, expected) => {
    expect(spokenTicketNumber(display)).toBe(expected);
  });

  it.each(['', '001', 'A', 'a001', 'A-001'])('should throw a RangeError for %j', (display) => {
    expect(() => spokenTicketNumber(display)).toThrow(RangeError);
  });
});

describe(callAnnouncement.name, () => {
  it('should announce a ticket and a counter', () => {
    expect(callAnnouncement('A001', 3)).toBe('Nomor antrean A nol nol satu, silakan ke loket tiga');
  });

  it('should read counter numbers as Indonesian numbers', () => {
    expect(callAnnouncement('B120', 12)).toBe('Nomor antrean B satu dua nol, silakan ke loket dua belas');
    expect(callAnnouncement('C007', 21)).toBe('Nomor antrean C nol nol tujuh, silakan ke loket dua puluh satu');
  });

  it.each([0, 1000, 1.5])('should throw a RangeError for counter %d', (counter) => {
    expect(() => callAnnouncement('A001', counter)).toThrow(RangeError);
  });
});
